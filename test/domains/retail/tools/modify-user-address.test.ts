import { describe, it } from 'vitest';
import { expectToolFailure, expectToolSuccess } from '../tool-expectations.ts';

// Expected outputs were checked against tau-bench's own Python tools run on the same fixture.
describe('modify_user_address', () => {
  it("replaces a user's default address", () => {
    expectToolSuccess({ name: 'modify_user_address', args: { user_id: 'noah_kim_5678', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' } }, {
      output: '{"name": {"first_name": "Noah", "last_name": "Kim"}, "address": {"address1": "1 Infinite Loop", "address2": "", "city": "Cupertino", "state": "CA", "country": "USA", "zip": "95014"}, "email": "Noah.Kim5678@Example.com", "payment_methods": {"credit_card_4444444": {"source": "credit_card", "brand": "mastercard", "last_four": "9876", "id": "credit_card_4444444"}, "gift_card_5555555": {"source": "gift_card", "balance": 5, "id": "gift_card_5555555"}}, "orders": ["#W2000001", "#W2000002", "#W2000003", "#W2000004"]}',
      changes: `users/noah_kim_5678
  ~ address/zip: "94105" -> "95014"
  ~ address/city: "San Francisco" -> "Cupertino"
  ~ address/address1: "12 Hillcrest Drive" -> "1 Infinite Loop"`,
    });
  });

  it('refuses a user id it does not know', () => {
    expectToolFailure({ name: 'modify_user_address', args: { user_id: 'nobody_0000', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' } }, 'Error: user not found');
  });
});
