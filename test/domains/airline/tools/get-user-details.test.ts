import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

describe('get_user_details', () => {
  it('prints the user and changes nothing', () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'get_user_details', { user_id: 'ben_ode_2002' })).toEqual({
      ok: true,
      kind: 'read',
      content:
        '{"name": {"first_name": "Ben", "last_name": "Ode"}, "address": {"address1": "9 Elm Rd", "address2": "", "city": "Austin", "country": "USA", "state": "TX", "zip": "73301"}, "email": "ben.ode@example.com", "dob": "1990-11-11", "payment_methods": {"credit_card_4444444": {"source": "credit_card", "brand": "mastercard", "last_four": "4444", "id": "credit_card_4444444"}, "certificate_3221322": {"source": "certificate", "amount": 100, "id": "certificate_3221322"}}, "saved_passengers": [], "membership": "regular", "reservations": []}',
    });
    expect(state.hash()).toBe(before);
  });

  it('fails on an unknown user, changing nothing', () => {
    expectFailure(fixtureState(), 'get_user_details', { user_id: 'nobody_0' }, 'Error: user not found');
  });
});
