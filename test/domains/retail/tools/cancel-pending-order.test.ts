import { describe, it } from 'vitest';
import { fixtureWithGiftCardWithoutBalance, fixtureWithMissingUser, fixtureWithoutGiftCard } from '../fixture.ts';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('cancel_pending_order', () => {
  it('cancels a pending order paid by gift card: refund recorded, card credited at once', () => {
    expectToolSuccess({ name: 'cancel_pending_order', args: { order_id: '#W1000001', reason: 'no longer needed' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "cancelled", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "refund", "amount": 368.01, "payment_method_id": "gift_card_1111111"}], "cancel_reason": "no longer needed"}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"refund","amount":368.01,"payment_method_id":"gift_card_1111111"}
  ~ status: "pending" -> "cancelled"
  + cancel_reason: "no longer needed"
users/olivia_lee_1234
  ~ payment_methods/gift_card_1111111/balance: 60.5 -> 428.51`,
    });
  });

  it('cancels an order paid in two parts, refunding each part to where it came from', () => {
    expectToolSuccess({ name: 'cancel_pending_order', args: { order_id: '#W2000002', reason: 'ordered by mistake' } }, {
      output: '{"order_id": "#W2000002", "user_id": "noah_kim_5678", "address": {"address1": "12 Hillcrest Drive", "address2": "", "city": "San Francisco", "country": "USA", "state": "CA", "zip": "94105"}, "items": [{"name": "Office Chair", "product_id": "4794339885", "item_id": "4274709903", "price": 544.29, "options": {"material": "mesh", "color": "red", "armrest": "none", "backrest height": "standard"}}], "fulfillments": [], "status": "cancelled", "payment_history": [{"transaction_type": "payment", "amount": 44.29, "payment_method_id": "gift_card_5555555"}, {"transaction_type": "payment", "amount": 500, "payment_method_id": "credit_card_4444444"}, {"transaction_type": "refund", "amount": 44.29, "payment_method_id": "gift_card_5555555"}, {"transaction_type": "refund", "amount": 500, "payment_method_id": "credit_card_4444444"}], "cancel_reason": "ordered by mistake"}',
      changes: `orders/#W2000002
  + payment_history/2: {"transaction_type":"refund","amount":44.29,"payment_method_id":"gift_card_5555555"}
  + payment_history/3: {"transaction_type":"refund","amount":500,"payment_method_id":"credit_card_4444444"}
  ~ status: "pending" -> "cancelled"
  + cancel_reason: "ordered by mistake"
users/noah_kim_5678
  ~ payment_methods/gift_card_5555555/balance: 5 -> 49.29`,
    });
  });

  it('cancels an order paid by credit card without touching any balance', () => {
    expectToolSuccess({ name: 'cancel_pending_order', args: { order_id: '#W1000004', reason: 'no longer needed' } }, {
      output: '{"order_id": "#W1000004", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}], "fulfillments": [], "status": "cancelled", "payment_history": [{"transaction_type": "payment", "amount": 48.02, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "credit_card_2222222"}], "cancel_reason": "no longer needed"}',
      changes: `orders/#W1000004
  + payment_history/1: {"transaction_type":"refund","amount":48.02,"payment_method_id":"credit_card_2222222"}
  ~ status: "pending" -> "cancelled"
  + cancel_reason: "no longer needed"`,
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W9999999', reason: 'no longer needed' } }, 'Error: order not found');
  });

  it("refuses an order id without its leading '#'", () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: 'W1000001', reason: 'no longer needed' } }, 'Error: order not found');
  });

  it('refuses a delivered order', () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W1000002', reason: 'no longer needed' } }, 'Error: non-pending order cannot be cancelled');
  });

  it('refuses a processed order', () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W1000003', reason: 'no longer needed' } }, 'Error: non-pending order cannot be cancelled');
  });

  it('refuses an order that is already cancelled', () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W2000003', reason: 'no longer needed' } }, 'Error: non-pending order cannot be cancelled');
  });

  it("refuses an order whose items were modified (status 'pending (item modified)')", () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W1000004', reason: 'no longer needed' }, before: [{ name: 'modify_pending_order_items', args: { order_id: '#W1000004', item_ids: ['7199146548'], new_item_ids: ['6469567736'], payment_method_id: 'credit_card_2222222' } }] }, 'Error: non-pending order cannot be cancelled');
  });

  it('refunds every history entry after a payment change, the refund entry included, and credits the gift card twice', () => {
    expectToolSuccess({ name: 'cancel_pending_order', args: { order_id: '#W1000004', reason: 'no longer needed' }, before: [{ name: 'modify_pending_order_payment', args: { order_id: '#W1000004', payment_method_id: 'gift_card_1111111' } }] }, {
      output: '{"order_id": "#W1000004", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}], "fulfillments": [], "status": "cancelled", "payment_history": [{"transaction_type": "payment", "amount": 48.02, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "payment", "amount": 48.02, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "credit_card_2222222"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "refund", "amount": 48.02, "payment_method_id": "credit_card_2222222"}], "cancel_reason": "no longer needed"}',
      changes: `orders/#W1000004
  + payment_history/3: {"transaction_type":"refund","amount":48.02,"payment_method_id":"credit_card_2222222"}
  + payment_history/4: {"transaction_type":"refund","amount":48.02,"payment_method_id":"gift_card_1111111"}
  + payment_history/5: {"transaction_type":"refund","amount":48.02,"payment_method_id":"credit_card_2222222"}
  ~ status: "pending" -> "cancelled"
  + cancel_reason: "no longer needed"
users/olivia_lee_1234
  ~ payment_methods/gift_card_1111111/balance: 12.48 -> 60.5`,
    });
  });

  it("reports a KeyError naming the user when the order's user does not exist", () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W1000001', reason: 'no longer needed' }, data: fixtureWithMissingUser() }, "Error: 'ghost_user'");
  });

  it('reports a KeyError naming the gift card when the user no longer has it', () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W1000001', reason: 'no longer needed' }, data: fixtureWithoutGiftCard() }, "Error: 'gift_card_1111111'");
  });

  it("reports a KeyError for 'balance' when a 'gift_card' id is not a gift card", () => {
    expectToolFailure({ name: 'cancel_pending_order', args: { order_id: '#W1000001', reason: 'no longer needed' }, data: fixtureWithGiftCardWithoutBalance() }, "Error: 'balance'");
  });
});
