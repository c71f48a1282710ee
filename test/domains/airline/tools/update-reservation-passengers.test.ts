import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../../src/domain-kit/index.ts';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

describe('update_reservation_passengers', () => {
  it('replaces the passenger list and prints the reservation', () => {
    const before = fixtureState();
    const state = before.fork();
    const result = call(state, 'update_reservation_passengers', { reservation_id: 'DEF456', passengers: [{ first_name: 'Ana', last_name: 'Parker', dob: '1985-03-02' }] });
    expect(result).toEqual({
      ok: true,
      kind: 'write',
      content:
        '{"reservation_id": "DEF456", "user_id": "ana_park_1001", "origin": "JFK", "destination": "ORD", "flight_type": "one_way", "cabin": "basic_economy", "flights": [{"origin": "JFK", "destination": "ORD", "flight_number": "HAT003", "date": "2024-05-16", "price": 60}], "passengers": [{"first_name": "Ana", "last_name": "Parker", "dob": "1985-03-02"}], "payment_history": [{"payment_id": "gift_card_2222222", "amount": 60}], "created_at": "2024-05-14T09:30:00", "total_baggages": 1, "nonfree_baggages": 1, "insurance": "yes"}',
    });
    expect(diffStates(before, state).patch).toEqual([{ op: 'replace', path: '/reservations/DEF456/passengers/0/last_name', value: 'Parker' }]);
  });

  describe('fails, changing nothing', () => {
    const state = fixtureState();
    it('on an unknown reservation', () => {
      expectFailure(state, 'update_reservation_passengers', { reservation_id: 'NOPE00', passengers: [] }, 'Error: reservation not found');
    });
    it('when the number of passengers changes', () => {
      const two = [
        { first_name: 'Ana', last_name: 'Park', dob: '1985-03-02' },
        { first_name: 'Leo', last_name: 'Park', dob: '2012-07-30' },
      ];
      expectFailure(state, 'update_reservation_passengers', { reservation_id: 'DEF456', passengers: two }, 'Error: number of passengers does not match');
    });
  });
});
