import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('modify_pending_order_address', () => {
  it('replaces the shipping address of a pending order', () => {
    expectToolSuccess({ name: 'modify_pending_order_address', args: { order_id: '#W1000001', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' } }, {
      output: '{"order_id": "#W1000001", "user_id": "olivia_lee_1234", "address": {"address1": "1 Infinite Loop", "address2": "", "city": "Cupertino", "state": "CA", "country": "USA", "zip": "95014"}, "items": [{"name": "Mechanical Keyboard", "product_id": "1656367028", "item_id": "1151293680", "price": 272.33, "options": {"switch type": "linear", "backlight": "RGB", "size": "full size"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}, {"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "pending", "payment_history": [{"transaction_type": "payment", "amount": 368.01, "payment_method_id": "gift_card_1111111"}]}',
      changes: `orders/#W1000001
  ~ address/zip: "10001" -> "95014"
  ~ address/state: "NY" -> "CA"
  ~ address/city: "New York" -> "Cupertino"
  ~ address/address2: "Suite 394" -> ""
  ~ address/address1: "445 Maple Drive" -> "1 Infinite Loop"`,
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'modify_pending_order_address', args: { order_id: '#W9999999', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' } }, 'Error: order not found');
  });

  it('refuses an order that is not pending', () => {
    expectToolFailure({ name: 'modify_pending_order_address', args: { order_id: '#W1000003', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' } }, 'Error: non-pending order cannot be modified');
  });

  it('refuses an order whose items were modified', () => {
    expectToolFailure({ name: 'modify_pending_order_address', args: { order_id: '#W1000004', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' }, before: [{ name: 'modify_pending_order_items', args: { order_id: '#W1000004', item_ids: ['7199146548'], new_item_ids: ['6469567736'], payment_method_id: 'credit_card_2222222' } }] }, 'Error: non-pending order cannot be modified');
  });
});
