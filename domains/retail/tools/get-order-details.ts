import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeOrderId } from './parameter-descriptions.ts';

export const getOrderDetails = defineTool({
  name: 'get_order_details',
  description: 'Show an order: its status and all its details.',
  params: z.object({ order_id: z.string().describe(describeOrderId) }),
  kind: 'read',
  run(state: DomainState<RetailRecords>, { order_id }) {
    const order = state.get('orders', order_id);
    return order ? ok(order) : fail('Error: order not found');
  },
});
