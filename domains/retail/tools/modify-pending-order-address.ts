import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { addressParams, describeOrderId } from './parameter-descriptions.ts';

export const modifyPendingOrderAddress = defineTool({
  name: 'modify_pending_order_address',
  description:
    "Change the shipping address of a pending order. Before calling, the agent explains the change and gets the user's explicit confirmation (yes/no).",
  params: z.object({
    order_id: z.string().describe(describeOrderId),
    ...addressParams,
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { order_id, address1, address2, city, state: addressState, country, zip }) {
    const current = state.get('orders', order_id);
    if (!current) return fail('Error: order not found');
    if (current.status !== 'pending') return fail('Error: non-pending order cannot be modified');

    const order = state.edit('orders', order_id);
    order.address = { address1, address2, city, state: addressState, country, zip };
    return ok(order);
  },
});
