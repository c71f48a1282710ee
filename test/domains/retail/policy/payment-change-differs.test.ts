import { describe, expect, it } from 'vitest';
import { paymentChangeDiffers } from '../../../../domains/retail/policy/payment-change-differs.ts';
import { changePayment, check, firstOrder, originalPayment, paymentMethods, userOf } from './policy-fixtures.ts';

/** A pending order whose user has two payment methods besides the one paying for it, none of them a gift card. */
const pending = firstOrder(
  (order, user) => order.status === 'pending' && paymentMethods(user).filter((method) => method.id !== originalPayment(order) && method.source !== 'gift_card').length >= 2,
  'pending order whose user has two other payment methods',
);
const [otherMethod, thirdMethod] = paymentMethods(userOf(pending)).filter((method) => method.id !== originalPayment(pending) && method.source !== 'gift_card');

describe('payment-change-differs', () => {
  it('passes a move to another payment method of the user', () => {
    expect(check(paymentChangeDiffers, pending.user_id, [changePayment(pending, otherMethod!.id)])).toEqual([]);
  });

  it('names a move to the method that already pays for the order', () => {
    expect(check(paymentChangeDiffers, pending.user_id, [changePayment(pending, originalPayment(pending))])).toEqual([
      {
        actionIndex: 0,
        message: `modify_pending_order_payment on order ${pending.order_id} moves the payment to ${originalPayment(pending)}, the method that already pays for the order: the new method must be a different one.`,
      },
    ]);
  });

  it('names a second move once the payment history holds the first one', () => {
    expect(check(paymentChangeDiffers, pending.user_id, [changePayment(pending, otherMethod!.id), changePayment(pending, thirdMethod!.id)])).toEqual([
      {
        actionIndex: 1,
        message: `modify_pending_order_payment on order ${pending.order_id} acts on an order whose payment history already has 3 entries: the payment can be moved only while the order has its one original payment.`,
      },
    ]);
  });
});
