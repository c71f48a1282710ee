import { describe, it } from 'vitest';
import { fixtureWithMissingProduct, fixtureWithMissingUser, fixtureWithTwoDifferentBottles } from '../fixture.ts';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('modify_pending_order_items', () => {
  it('swaps an item, charges the unrounded difference to the gift card and rounds the balance', () => {
    expectToolSuccess({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['6469567736'], new_item_ids: ['7199146548'], payment_method_id: 'gift_card_1111111' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "pending (item modified)", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "payment", "amount": 0.17999999999999972, "payment_method_id": "gift_card_1111111"}]}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"payment","amount":0.17999999999999972,"payment_method_id":"gift_card_1111111"}
  ~ status: "pending" -> "pending (item modified)"
  ~ items/1/options/color: "blue" -> "black"
  ~ items/1/options/material: "glass" -> "plastic"
  ~ items/1/options/capacity: "1000ml" -> "750ml"
  ~ items/1/price: 47.84 -> 48.02
  ~ items/1/item_id: "6469567736" -> "7199146548"
users/olivia_lee_1234
  ~ payment_methods/gift_card_1111111/balance: 60.5 -> 60.32`,
    });
  });

  it('records a refund for a cheaper item paid back to a credit card', () => {
    expectToolSuccess({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'credit_card_2222222' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "7706410293", "price": 269.16, "options": {"switch type": "clicky", "backlight": "none", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "pending (item modified)", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "refund", "amount": 3.169999999999959, "payment_method_id": "credit_card_2222222"}]}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"refund","amount":3.169999999999959,"payment_method_id":"credit_card_2222222"}
  ~ status: "pending" -> "pending (item modified)"
  ~ items/0/options/backlight: "RGB" -> "none"
  ~ items/0/options/switch type: "linear" -> "clicky"
  ~ items/0/price: 272.33 -> 269.16
  ~ items/0/item_id: "1151293680" -> "7706410293"`,
    });
  });

  it('changes each copy of a repeated item in order', () => {
    expectToolSuccess({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['6469567736', '6469567736'], new_item_ids: ['3453331371', '7199146548'], payment_method_id: 'paypal_3333333' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}], "fulfillments": [], "status": "pending (item modified)", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "payment", "amount": 5.1299999999999955, "payment_method_id": "paypal_3333333"}]}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"payment","amount":5.1299999999999955,"payment_method_id":"paypal_3333333"}
  ~ status: "pending" -> "pending (item modified)"
  ~ items/2/options/color: "blue" -> "black"
  ~ items/2/options/material: "glass" -> "plastic"
  ~ items/2/options/capacity: "1000ml" -> "750ml"
  ~ items/2/price: 47.84 -> 48.02
  ~ items/2/item_id: "6469567736" -> "7199146548"
  ~ items/1/options/color: "blue" -> "black"
  ~ items/1/options/material: "glass" -> "stainless steel"
  ~ items/1/options/capacity: "1000ml" -> "500ml"
  ~ items/1/price: 47.84 -> 52.79
  ~ items/1/item_id: "6469567736" -> "3453331371"`,
    });
  });

  it('records a refund of 0 when the new item is the old one', () => {
      // tau-bench prints the float 0.0 here; JSON numbers carry no int/float distinction in JavaScript.
    expectToolSuccess({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['1151293680'], payment_method_id: 'credit_card_2222222' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "pending (item modified)", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "refund", "amount": 0, "payment_method_id": "credit_card_2222222"}]}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"refund","amount":0,"payment_method_id":"credit_card_2222222"}
  ~ status: "pending" -> "pending (item modified)"`,
    });
  });

  it('changes the first matching item each time, even one it changed a moment ago', () => {
    expectToolSuccess({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['6469567736', '3453331371'], new_item_ids: ['3453331371', '7199146548'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithTwoDifferentBottles() }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "7199146548", "price": 48.02, "options": {"capacity": "750ml", "material": "plastic", "color": "black"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}], "fulfillments": [], "status": "pending (item modified)", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}, {"transaction_type": "payment", "amount": 0.17999999999999972, "payment_method_id": "credit_card_2222222"}]}',
      changes: `orders/#W1000001
  + payment_history/1: {"transaction_type":"payment","amount":0.17999999999999972,"payment_method_id":"credit_card_2222222"}
  ~ status: "pending" -> "pending (item modified)"
  ~ items/1/options/color: "blue" -> "black"
  ~ items/1/options/material: "glass" -> "plastic"
  ~ items/1/options/capacity: "1000ml" -> "750ml"
  ~ items/1/price: 47.84 -> 48.02
  ~ items/1/item_id: "6469567736" -> "7199146548"`,
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W9999999', item_ids: [], new_item_ids: [], payment_method_id: 'credit_card_2222222' } }, 'Error: order not found');
  });

  it('refuses an order that is not pending', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' } }, 'Error: non-pending order cannot be modified');
  });

  it("refuses a second modification (status 'pending (item modified)')", () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['6469567736'], new_item_ids: ['7199146548'], payment_method_id: 'credit_card_2222222' }, before: [{ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'credit_card_2222222' } }] }, 'Error: non-pending order cannot be modified');
  });

  it('names an item requested more often than the order holds it', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['6469567736', '6469567736', '6469567736'], new_item_ids: ['7199146548', '7199146548', '7199146548'], payment_method_id: 'credit_card_2222222' } }, 'Error: 6469567736 not found');
  });

  it('refuses lists of different lengths', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['6469567736'], new_item_ids: [], payment_method_id: 'credit_card_2222222' } }, 'Error: the number of items to be exchanged should match');
  });

  it('refuses an unavailable new item', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['6342039236'], payment_method_id: 'credit_card_2222222' } }, 'Error: new item 6342039236 not found or available');
  });

  it('refuses a payment method of another user', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'paypal_6666666' } }, 'Error: payment method not found');
  });

  it('refuses a gift card that cannot cover a positive difference', () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W2000002', item_ids: ['4274709903'], new_item_ids: ['3704016729'], payment_method_id: 'gift_card_5555555' } }, 'Error: insufficient gift card balance to pay for the new item');
  });

  it("reports a KeyError naming the product when an order item's product does not exist", () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithMissingProduct() }, "Error: '0000000000'");
  });

  it("reports a KeyError naming the user when the order's user does not exist", () => {
    expectToolFailure({ name: 'modify_pending_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithMissingUser() }, "Error: 'ghost_user'");
  });
});
