import { describe, it } from 'vitest';
import { fixtureWithEmptyPaymentHistory, fixtureWithMissingUser, fixtureWithRefundFirst, fixtureWithoutGiftCard } from '../fixture.ts';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('modify_pending_order_payment', () => {
  it('moves a credit card payment to a gift card and debits the card', () => {
    expectToolSuccess({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'gift_card_1111111' } }, {
      output: '{"order_id": "#W1000004", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}], "fulfillments": [], "status": "pending", "payment_history": [{"transaction_type": "payment", "amount": 48.02, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "payment", "amount": 48.02, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "credit_card_2222222"}]}',
      changes: `orders/#W1000004
  + payment_history/1: {"transaction_type":"payment","amount":48.02,"payment_method_id":"gift_card_1111111"}
  + payment_history/2: {"transaction_type":"refund","amount":48.02,"payment_method_id":"credit_card_2222222"}
users/olivia_lee_1234
  ~ payment_methods/gift_card_1111111/balance: 60.5 -> 12.48`,
    });
  });

  it('moves a gift card payment to a credit card and credits the card back', () => {
    expectToolSuccess({ name: 'modify_pending_order_payment', args: { order_id: '#W1000001', payment_method_id: 'credit_card_2222222' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "pending", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "payment", "amount": 368.01, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "refund", "amount": 368.01, "payment_method_id": "gift_card_1111111"}]}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"payment","amount":368.01,"payment_method_id":"credit_card_2222222"}
  + payment_history/2: {"transaction_type":"refund","amount":368.01,"payment_method_id":"gift_card_1111111"}
users/olivia_lee_1234
  ~ payment_methods/gift_card_1111111/balance: 60.5 -> 428.51`,
    });
  });

  it('moves a payment to paypal', () => {
    expectToolSuccess({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'paypal_3333333' } }, {
      output: '{"order_id": "#W1000004", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}], "fulfillments": [], "status": "pending", "payment_history": [{"transaction_type": "payment", "amount": 48.02, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "payment", "amount": 48.02, "payment_method_id": "paypal_3333333"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "credit_card_2222222"}]}',
      changes: `orders/#W1000004
  + payment_history/1: {"transaction_type":"payment","amount":48.02,"payment_method_id":"paypal_3333333"}
  + payment_history/2: {"transaction_type":"refund","amount":48.02,"payment_method_id":"credit_card_2222222"}`,
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W9999999', payment_method_id: 'paypal_3333333' } }, 'Error: order not found');
  });

  it('refuses an order that is not pending', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000002', payment_method_id: 'paypal_3333333' } }, 'Error: non-pending order cannot be modified');
  });

  it('refuses a payment method of another user', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'credit_card_4444444' } }, 'Error: payment method not found');
  });

  it('refuses an order paid in two parts', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W2000002', payment_method_id: 'credit_card_4444444' } }, 'Error: there should be exactly one payment for a pending order');
  });

  it('refuses an order whose payment was already changed once', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'gift_card_1111111' }, before: [{ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'paypal_3333333' } }] }, 'Error: there should be exactly one payment for a pending order');
  });

  it('refuses an order whose only transaction is a refund', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'paypal_3333333' }, data: fixtureWithRefundFirst() }, 'Error: there should be exactly one payment for a pending order');
  });

  it('refuses the method the order is already paid with', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'credit_card_2222222' } }, 'Error: the new payment method should be different from the current one');
  });

  it('refuses a gift card that cannot cover the order', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W2000004', payment_method_id: 'gift_card_5555555' } }, 'Error: insufficient gift card balance to pay for the order');
  });

  it('reports an IndexError when the order has no payment at all', () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'paypal_3333333' }, data: fixtureWithEmptyPaymentHistory() }, 'Error: list index out of range');
  });

  it("reports a KeyError naming the user when the order's user does not exist", () => {
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'paypal_3333333' }, data: fixtureWithMissingUser() }, "Error: 'ghost_user'");
  });

  it('reports a KeyError naming the old gift card when the user no longer has it (tau-bench would keep the half-made change)', () => {
    // tau-bench has already appended the payment and the refund when the lookup raises, and keeps them;
    // a failed call here changes nothing (the domain kit rolls it back). Only inconsistent data gets here.
    expectToolFailure({ name: 'modify_pending_order_payment', args: { order_id: '#W1000001', payment_method_id: 'paypal_3333333' }, data: fixtureWithoutGiftCard() }, "Error: 'gift_card_1111111'");
  });
});
