import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('get_user_details', () => {
  it("prints a user as Python's json.dumps would", () => {
    expectToolSuccess({ name: 'get_user_details', args: { user_id: 'noah_kim_5678' } }, {
      output: '{"name": {"first_name": "Noah", "last_name": "Kim"}, "address": {"address1": "12 Hillcrest Drive", "address2": "", "city": "San Francisco", "country": "USA", "state": "CA", "zip": "94105"}, "email": "Noah.Kim5678@Example.com", "payment_methods": {"credit_card_4444444": {"source": "credit_card", "brand": "mastercard", "last_four": "9876", "id": "credit_card_4444444"}, "gift_card_5555555": {"source": "gift_card", "balance": 5, "id": "gift_card_5555555"}}, "orders": ["#W2000001", "#W2000002", "#W2000003", "#W2000004"]}',
      changes: '(no change)',
    });
  });

  it('refuses a user id it does not know', () => {
    expectToolFailure({ name: 'get_user_details', args: { user_id: 'nobody_0000' } }, 'Error: user not found');
  });
});
