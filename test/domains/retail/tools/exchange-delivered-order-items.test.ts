import { describe, it } from 'vitest';
import { fixtureWithMissingProduct, fixtureWithMissingUser } from '../fixture.ts';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('exchange_delivered_order_items', () => {
  it('records an exchange with the rounded price difference and leaves payments alone', () => {
    expectToolSuccess({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' } }, {
      output: '{"order_id": "#W1000002", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Office Chair", "product_id": "4794339885", "item_id": "8426249116", "price": 488.81, "options": {"material": "fabric", "color": "black", "armrest": "fixed", "backrest height": "standard"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}], "fulfillments": [{"tracking_id": ["357962501027"], "item_ids": ["8426249116", "3453331371"]}], "status": "exchange requested", "payment_history": [{"transaction_type": "payment", "amount": 541.6, "payment_method_id": "credit_card_2222222"}], "exchange_items": ["8426249116"], "exchange_new_items": ["4274709903"], "exchange_payment_method_id": "credit_card_2222222", "exchange_price_difference": 55.48}',
      changes: `orders/#W1000002
  ~ status: "delivered" -> "exchange requested"
  + exchange_items: ["8426249116"]
  + exchange_new_items: ["4274709903"]
  + exchange_payment_method_id: "credit_card_2222222"
  + exchange_price_difference: 55.48`,
    });
  });

  it('sorts the exchanged and new item ids and sums the difference over every pair', () => {
    expectToolSuccess({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116', '3453331371'], new_item_ids: ['4274709903', '6469567736'], payment_method_id: 'gift_card_1111111' } }, {
      output: '{"order_id": "#W1000002", "user_id": "olivia_lee_1234", "address": {"address1": "445 Maple Drive", "address2": "Suite 394", "city": "New York", "country": "USA", "state": "NY", "zip": "10001"}, "items": [{"name": "Office Chair", "product_id": "4794339885", "item_id": "8426249116", "price": 488.81, "options": {"material": "fabric", "color": "black", "armrest": "fixed", "backrest height": "standard"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "3453331371", "price": 52.79, "options": {"capacity": "500ml", "material": "stainless steel", "color": "black"}}], "fulfillments": [{"tracking_id": ["357962501027"], "item_ids": ["8426249116", "3453331371"]}], "status": "exchange requested", "payment_history": [{"transaction_type": "payment", "amount": 541.6, "payment_method_id": "credit_card_2222222"}], "exchange_items": ["3453331371", "8426249116"], "exchange_new_items": ["4274709903", "6469567736"], "exchange_payment_method_id": "gift_card_1111111", "exchange_price_difference": 50.53}',
      changes: `orders/#W1000002
  ~ status: "delivered" -> "exchange requested"
  + exchange_items: ["3453331371","8426249116"]
  + exchange_new_items: ["4274709903","6469567736"]
  + exchange_payment_method_id: "gift_card_1111111"
  + exchange_price_difference: 50.53`,
    });
  });

  it('lets an empty gift card pay a negative difference', () => {
    expectToolSuccess({ name: 'exchange_delivered_order_items', args: { order_id: '#W2000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'gift_card_5555555' } }, {
      output: '{"order_id": "#W2000001", "user_id": "noah_kim_5678", "address": {"address1": "12 Hillcrest Drive", "address2": "", "city": "San Francisco", "country": "USA", "state": "CA", "zip": "94105"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}], "fulfillments": [{"tracking_id": ["580826237185"], "item_ids": ["1151293680"]}], "status": "exchange requested", "payment_history": [{"transaction_type": "payment", "amount": 272.33, "payment_method_id": "credit_card_4444444"}], "exchange_items": ["1151293680"], "exchange_new_items": ["7706410293"], "exchange_payment_method_id": "gift_card_5555555", "exchange_price_difference": -3.17}',
      changes: `orders/#W2000001
  ~ status: "delivered" -> "exchange requested"
  + exchange_items: ["1151293680"]
  + exchange_new_items: ["7706410293"]
  + exchange_payment_method_id: "gift_card_5555555"
  + exchange_price_difference: -3.17`,
    });
  });

  it('accepts an exchange of no items at all', () => {
    expectToolSuccess({ name: 'exchange_delivered_order_items', args: { order_id: '#W2000001', item_ids: [], new_item_ids: [], payment_method_id: 'credit_card_4444444' } }, {
      output: '{"order_id": "#W2000001", "user_id": "noah_kim_5678", "address": {"address1": "12 Hillcrest Drive", "address2": "", "city": "San Francisco", "country": "USA", "state": "CA", "zip": "94105"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}], "fulfillments": [{"tracking_id": ["580826237185"], "item_ids": ["1151293680"]}], "status": "exchange requested", "payment_history": [{"transaction_type": "payment", "amount": 272.33, "payment_method_id": "credit_card_4444444"}], "exchange_items": [], "exchange_new_items": [], "exchange_payment_method_id": "credit_card_4444444", "exchange_price_difference": 0}',
      changes: `orders/#W2000001
  ~ status: "delivered" -> "exchange requested"
  + exchange_items: []
  + exchange_new_items: []
  + exchange_payment_method_id: "credit_card_4444444"
  + exchange_price_difference: 0`,
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W9999999', item_ids: ['1'], new_item_ids: ['2'], payment_method_id: 'credit_card_2222222' } }, 'Error: order not found');
  });

  it('refuses an order that is not delivered', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'credit_card_2222222' } }, 'Error: non-delivered order cannot be exchanged');
  });

  it('names the first item id the order does not hold', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['1111111111'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' } }, 'Error: 1111111111 not found');
  });

  it('names an item requested more often than the order holds it', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116', '8426249116'], new_item_ids: ['4274709903', '4274709903'], payment_method_id: 'credit_card_2222222' } }, 'Error: 8426249116 not found');
  });

  it('refuses lists of different lengths', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903', '3704016729'], payment_method_id: 'credit_card_2222222' } }, 'Error: the number of items to be exchanged should match');
  });

  it('refuses a new item of another product', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['1151293680'], payment_method_id: 'credit_card_2222222' } }, 'Error: new item 1151293680 not found or available');
  });

  it('refuses an unavailable new item', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W2000001', item_ids: ['1151293680'], new_item_ids: ['6342039236'], payment_method_id: 'credit_card_4444444' } }, 'Error: new item 6342039236 not found or available');
  });

  it('refuses a payment method of another user', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_4444444' } }, 'Error: payment method not found');
  });

  it('refuses a gift card that cannot cover a positive difference', () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W2000001', item_ids: ['1151293680'], new_item_ids: ['4843487907'], payment_method_id: 'gift_card_5555555' } }, 'Error: insufficient gift card balance to pay for the price difference');
  });

  it("refuses a second return or exchange (status 'return requested')", () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' }, before: [{ name: 'return_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_2222222' } }] }, 'Error: non-delivered order cannot be exchanged');
  });

  it("reports a KeyError naming the product when an order item's product does not exist", () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithMissingProduct() }, "Error: '0000000000'");
  });

  it("reports a KeyError naming the user when the order's user does not exist", () => {
    expectToolFailure({ name: 'exchange_delivered_order_items', args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' }, data: fixtureWithMissingUser() }, "Error: 'ghost_user'");
  });
});
