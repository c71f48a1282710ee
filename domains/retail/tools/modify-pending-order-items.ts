import { z } from 'zod';
import { defineTool, fail, indexErrorText, keyErrorText, ok, pythonRound, type DomainState } from '../../../src/domain-kit/index.ts';
import type { PaymentMethod, RetailRecords } from '../schema.ts';
import { firstItemWithId, firstUncoveredItem, priceDifference } from './order-items.ts';
import { describeOrderId, describePaymentMethodId } from './parameter-descriptions.ts';

export const modifyPendingOrderItems = defineTool({
  name: 'modify_pending_order_items',
  description:
    "Change items of a pending order into other items of the same product type. This can be done only once per pending order. Before calling, the agent explains the change and gets the user's explicit confirmation (yes/no).",
  params: z.object({
    order_id: z.string().describe(describeOrderId),
    item_ids: z
      .array(z.string())
      .describe("The ids of the items to change, each such as '1008292230'. An id may appear more than once."),
    new_item_ids: z
      .array(z.string())
      .describe(
        "The ids of the items to change them into, each such as '1008292230'. An id may appear more than once. The new id at each position replaces the item id at the same position and must belong to the same product.",
      ),
    payment_method_id: z.string().describe(describePaymentMethodId),
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { order_id, item_ids, new_item_ids, payment_method_id }) {
    const current = state.get('orders', order_id);
    if (!current) return fail('Error: order not found');
    if (current.status !== 'pending') return fail('Error: non-pending order cannot be modified');

    const uncovered = firstUncoveredItem(current.items, item_ids);
    if (uncovered !== undefined) return fail(`Error: ${uncovered} not found`);
    if (item_ids.length !== new_item_ids.length) return fail('Error: the number of items to be exchanged should match');

    const summed = priceDifference(state, current.items, item_ids, new_item_ids);
    if (!summed.ok) return fail(summed.error);
    const difference = summed.difference;

    const user = state.get('users', current.user_id);
    if (!user) return fail(keyErrorText(current.user_id));
    if (!Object.hasOwn(user.payment_methods, payment_method_id)) return fail('Error: payment method not found');
    const paymentMethod = user.payment_methods[payment_method_id]!;
    if (paymentMethod.source === 'gift_card' && paymentMethod.balance < difference) {
      return fail('Error: insufficient gift card balance to pay for the new item');
    }

    const order = state.edit('orders', order_id);
    order.payment_history.push({
      transaction_type: difference > 0 ? 'payment' : 'refund',
      amount: Math.abs(difference),
      payment_method_id,
    });
    if (paymentMethod.source === 'gift_card') {
      const giftCard = state.edit('users', order.user_id).payment_methods[payment_method_id] as Extract<PaymentMethod, { source: 'gift_card' }>;
      giftCard.balance = pythonRound(giftCard.balance - difference, 2);
    }

    for (let index = 0; index < item_ids.length; index++) {
      const newItemId = new_item_ids[index] as string;
      const item = firstItemWithId(order.items, item_ids[index] as string);
      if (!item) return fail(indexErrorText);
      const product = state.get('products', item.product_id);
      if (!product) return fail(keyErrorText(item.product_id));
      if (!Object.hasOwn(product.variants, newItemId)) return fail(keyErrorText(newItemId));
      const variant = product.variants[newItemId]!;
      item.item_id = newItemId;
      item.price = variant.price;
      item.options = structuredClone(variant.options) as Record<string, string>;
    }
    order.status = 'pending (item modified)';
    return ok(order);
  },
});

