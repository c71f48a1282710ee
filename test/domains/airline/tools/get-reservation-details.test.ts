import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

describe('get_reservation_details', () => {
  it('prints the reservation and changes nothing', () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'get_reservation_details', { reservation_id: 'DEF456' })).toEqual({
      ok: true,
      kind: 'read',
      content:
        '{"reservation_id": "DEF456", "user_id": "ana_park_1001", "origin": "JFK", "destination": "ORD", "flight_type": "one_way", "cabin": "basic_economy", "flights": [{"origin": "JFK", "destination": "ORD", "flight_number": "HAT003", "date": "2024-05-16", "price": 60}], "passengers": [{"first_name": "Ana", "last_name": "Park", "dob": "1985-03-02"}], "payment_history": [{"payment_id": "gift_card_2222222", "amount": 60}], "created_at": "2024-05-14T09:30:00", "total_baggages": 1, "nonfree_baggages": 1, "insurance": "yes"}',
    });
    expect(state.hash()).toBe(before);
  });

  it("fails on an unknown reservation with tau-bench's text, which speaks of a user", () => {
    expectFailure(fixtureState(), 'get_reservation_details', { reservation_id: 'NOPE00' }, 'Error: user not found');
  });
});
