import { describe, it } from 'vitest';
import { fixtureWithEmptyPaymentHistory, fixtureWithMissingUser } from '../fixture.ts';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('return_delivered_order_items', () => {
  it('requests a return refunded to the original payment method', () => {
    expectToolSuccess({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_2222222' } }, {
      output: '{"order_id": "#W1000002", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Office Chair", "product_id": "4794339885", "item_id": "8426249116", "price": 488.81, "options": {"material": "fabric", "color": "black", "armrest": "fixed", "backrest height": "standard"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}], "fulfillments": [{"tracking_id": ["357962501027"], "item_ids": ["8426249116", "3453331371"]}], "status": "return requested", "payment_history": [{"transaction_type": "payment", "amount": 541.6, "payment_method_id": "credit_card_2222222"}], "return_items": ["3453331371"], "return_payment_method_id": "credit_card_2222222"}',
      changes: `orders/#W1000002
  ~ status: "delivered" -> "return requested"
  + return_items: ["3453331371"]
  + return_payment_method_id: "credit_card_2222222"`,
    });
  });

  it('requests a return refunded to a gift card, with the item ids sorted', () => {
    expectToolSuccess({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116', '3453331371'], payment_method_id: 'gift_card_1111111' } }, {
      output: '{"order_id": "#W1000002", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Office Chair", "product_id": "4794339885", "item_id": "8426249116", "price": 488.81, "options": {"material": "fabric", "color": "black", "armrest": "fixed", "backrest height": "standard"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}], "fulfillments": [{"tracking_id": ["357962501027"], "item_ids": ["8426249116", "3453331371"]}], "status": "return requested", "payment_history": [{"transaction_type": "payment", "amount": 541.6, "payment_method_id": "credit_card_2222222"}], "return_items": ["3453331371", "8426249116"], "return_payment_method_id": "gift_card_1111111"}',
      changes: `orders/#W1000002
  ~ status: "delivered" -> "return requested"
  + return_items: ["3453331371","8426249116"]
  + return_payment_method_id: "gift_card_1111111"`,
    });
  });

  it('accepts a return of no items at all', () => {
    expectToolSuccess({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: [], payment_method_id: 'credit_card_2222222' } }, {
      output: '{"order_id": "#W1000002", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Office Chair", "product_id": "4794339885", "item_id": "8426249116", "price": 488.81, "options": {"material": "fabric", "color": "black", "armrest": "fixed", "backrest height": "standard"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}], "fulfillments": [{"tracking_id": ["357962501027"], "item_ids": ["8426249116", "3453331371"]}], "status": "return requested", "payment_history": [{"transaction_type": "payment", "amount": 541.6, "payment_method_id": "credit_card_2222222"}], "return_items": [], "return_payment_method_id": "credit_card_2222222"}',
      changes: `orders/#W1000002
  ~ status: "delivered" -> "return requested"
  + return_items: []
  + return_payment_method_id: "credit_card_2222222"`,
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W9999999', item_ids: ['1'], payment_method_id: 'credit_card_2222222' } }, 'Error: order not found');
  });

  it('refuses an order that is not delivered', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], payment_method_id: 'gift_card_1111111' } }, 'Error: non-delivered order cannot be returned');
  });

  it('refuses a payment method of another user', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_4444444' } }, 'Error: payment method not found');
  });

  it('refuses a method that is neither the original one nor a gift card', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'paypal_3333333' } }, 'Error: payment method should be either the original payment method or a gift card');
  });

  it('refuses an item the order does not hold, without naming it', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['1111111111'], payment_method_id: 'credit_card_2222222' } }, 'Error: some item not found');
  });

  it('refuses an item requested more often than the order holds it', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371', '3453331371'], payment_method_id: 'credit_card_2222222' } }, 'Error: some item not found');
  });

  it("refuses a second return (status 'return requested')", () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], payment_method_id: 'credit_card_2222222' }, before: [{ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_2222222' } }] }, 'Error: non-delivered order cannot be returned');
  });

  it('reports an IndexError when the order has no payment and the refund is not to a gift card', () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithEmptyPaymentHistory() }, 'Error: list index out of range');
  });

  it("reports a KeyError naming the user when the order's user does not exist", () => {
    expectToolFailure({ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithMissingUser() }, "Error: 'ghost_user'");
  });
});
