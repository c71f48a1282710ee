import { describe, expect, it } from 'vitest';
import { refundToOriginalOrGiftCard } from '../../../../domains/retail/policy/refund-to-original-or-gift-card.ts';
import { check, firstOrder, giftCards, originalPayment, paymentMethods, returnItems, userOf } from './policy-fixtures.ts';

/** A delivered order not paid by gift card, whose user also has a gift card and another kind of payment method. */
const delivered = firstOrder(
  (order, user) =>
    order.status === 'delivered' &&
    !originalPayment(order).startsWith('gift_card') &&
    giftCards(user).length > 0 &&
    paymentMethods(user).some((method) => method.id !== originalPayment(order) && method.source !== 'gift_card'),
  'delivered order whose user has a gift card and another method',
);
const user = userOf(delivered);
const itemIds = [delivered.items[0]!.item_id];

describe('refund-to-original-or-gift-card', () => {
  it("passes a refund to the order's original payment method or to a gift card of the user", () => {
    expect(check(refundToOriginalOrGiftCard, delivered.user_id, [returnItems(delivered, itemIds, originalPayment(delivered))])).toEqual([]);
    expect(check(refundToOriginalOrGiftCard, delivered.user_id, [returnItems(delivered, itemIds, giftCards(user)[0]!.id)])).toEqual([]);
  });

  it('names a refund to any other payment method, though the tool already refuses it', () => {
    const other = paymentMethods(user).find((method) => method.id !== originalPayment(delivered) && method.source !== 'gift_card')!;
    expect(check(refundToOriginalOrGiftCard, delivered.user_id, [returnItems(delivered, itemIds, other.id)])).toEqual([
      {
        actionIndex: 0,
        message: `return_delivered_order_items on order ${delivered.order_id} refunds to ${other.id}, which is neither the original payment method ${originalPayment(delivered)} nor a gift card of the user: refund to the original method or an existing gift card.`,
      },
    ]);
  });
});
