import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('get_order_details', () => {
  it("prints an order as Python's json.dumps would", () => {
    expectToolSuccess({ name: 'get_order_details', args: { order_id: '#W2000003' } }, {
      output: '{"order_id": "#W2000003", "user_id": "noah_kim_5678", "address": {"address1": "12 Hillcrest Drive", "address2": "", "city": "San Francisco", "country": "USA", "state": "CA", "zip": "94105"}, "items": [{"name": "Water Bottle", "product_id": "8310926033", "item_id": "6469567736", "price": 47.84, "options": {"capacity": "1000ml", "material": "glass", "color": "blue"}}], "fulfillments": [], "status": "cancelled", "payment_history": [{"transaction_type": "payment", "amount": 47.84, "payment_method_id": "credit_card_4444444"}, {"transaction_type": "refund", "amount": 47.84, "payment_method_id": "credit_card_4444444"}], "cancel_reason": "ordered by mistake"}',
      changes: '(no change)',
    });
  });

  it('refuses an order id it does not know', () => {
    expectToolFailure({ name: 'get_order_details', args: { order_id: '#W9999999' } }, 'Error: order not found');
  });
});
