import { z } from 'zod';
import { defineTool, fail, indexErrorText, keyErrorText, ok, sortedLikePython, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { firstUncoveredItem } from './order-items.ts';
import { describeOrderId, describePaymentMethodId } from './parameter-descriptions.ts';

export const returnDeliveredOrderItems = defineTool({
  name: 'return_delivered_order_items',
  description:
    "Return some items of a delivered order; the order's status becomes 'return requested'. Before calling, the agent explains the return and gets the user's explicit confirmation (yes/no). The user then receives an email saying how and where to send the items back.",
  params: z.object({
    order_id: z.string().describe(describeOrderId),
    item_ids: z.array(z.string()).describe("The ids of the items to return, each such as '1008292230'. An id may appear more than once."),
    payment_method_id: z.string().describe(describePaymentMethodId),
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { order_id, item_ids, payment_method_id }) {
    const current = state.get('orders', order_id);
    if (!current) return fail('Error: order not found');
    if (current.status !== 'delivered') return fail('Error: non-delivered order cannot be returned');

    const user = state.get('users', current.user_id);
    if (!user) return fail(keyErrorText(current.user_id));
    if (!Object.hasOwn(user.payment_methods, payment_method_id)) return fail('Error: payment method not found');
    if (!payment_method_id.includes('gift_card')) {
      const original = current.payment_history[0];
      if (!original) return fail(indexErrorText);
      if (payment_method_id !== original.payment_method_id) {
        return fail('Error: payment method should be either the original payment method or a gift card');
      }
    }

    if (firstUncoveredItem(current.items, item_ids) !== undefined) return fail('Error: some item not found');

    const order = state.edit('orders', order_id);
    order.status = 'return requested';
    order.return_items = sortedLikePython(item_ids);
    order.return_payment_method_id = payment_method_id;
    return ok(order);
  },
});
