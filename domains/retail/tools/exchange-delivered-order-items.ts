import { z } from 'zod';
import { defineTool, fail, keyErrorText, ok, pythonRound, sortedLikePython, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { firstUncoveredItem, priceDifference } from './order-items.ts';
import { describeOrderId, describePaymentMethodId } from './parameter-descriptions.ts';

export const exchangeDeliveredOrderItems = defineTool({
  name: 'exchange_delivered_order_items',
  description:
    "Exchange items of a delivered order for other items of the same product type. The agent may make a return or an exchange of a delivered order only once. Before calling, the agent explains the exchange and gets the user's explicit confirmation (yes/no).",
  params: z.object({
    order_id: z.string().describe(describeOrderId),
    item_ids: z
      .array(z.string())
      .describe("The ids of the items to exchange, each such as '1008292230'. An id may appear more than once."),
    new_item_ids: z
      .array(z.string())
      .describe(
        "The ids of the items to exchange them for, each such as '1008292230'. An id may appear more than once. The new id at each position replaces the item id at the same position and must belong to the same product.",
      ),
    payment_method_id: z.string().describe(describePaymentMethodId),
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { order_id, item_ids, new_item_ids, payment_method_id }) {
    const current = state.get('orders', order_id);
    if (!current) return fail('Error: order not found');
    if (current.status !== 'delivered') return fail('Error: non-delivered order cannot be exchanged');

    const uncovered = firstUncoveredItem(current.items, item_ids);
    if (uncovered !== undefined) return fail(`Error: ${uncovered} not found`);
    if (item_ids.length !== new_item_ids.length) return fail('Error: the number of items to be exchanged should match');

    const summed = priceDifference(state, current.items, item_ids, new_item_ids);
    if (!summed.ok) return fail(summed.error);
    const difference = pythonRound(summed.difference, 2);

    const user = state.get('users', current.user_id);
    if (!user) return fail(keyErrorText(current.user_id));
    if (!Object.hasOwn(user.payment_methods, payment_method_id)) return fail('Error: payment method not found');
    const paymentMethod = user.payment_methods[payment_method_id]!;
    if (paymentMethod.source === 'gift_card' && paymentMethod.balance < difference) {
      return fail('Error: insufficient gift card balance to pay for the price difference');
    }

    const order = state.edit('orders', order_id);
    order.status = 'exchange requested';
    order.exchange_items = sortedLikePython(item_ids);
    order.exchange_new_items = sortedLikePython(new_item_ids);
    order.exchange_payment_method_id = payment_method_id;
    order.exchange_price_difference = difference;
    return ok(order);
  },
});
