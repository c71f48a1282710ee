import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../../src/domain-kit/index.ts';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

const abc123Body =
  '"reservation_id": "ABC123", "user_id": "ana_park_1001", "origin": "JFK", "destination": "LAX", "flight_type": "round_trip", "cabin": "economy", "flights": [{"origin": "JFK", "destination": "LAX", "flight_number": "HAT001", "date": "2024-05-16", "price": 200}, {"origin": "LAX", "destination": "JFK", "flight_number": "HAT002", "date": "2024-05-20", "price": 210}], "passengers": [{"first_name": "Ana", "last_name": "Park", "dob": "1985-03-02"}, {"first_name": "Leo", "last_name": "Park", "dob": "2012-07-30"}]';

describe('cancel_reservation', () => {
  it('appends a negative copy of every payment, marks the reservation cancelled and prints it', () => {
    const before = fixtureState();
    const state = before.fork();
    const result = call(state, 'cancel_reservation', { reservation_id: 'ABC123' });
    expect(result).toEqual({
      ok: true,
      kind: 'write',
      content: `{${abc123Body}, "payment_history": [{"payment_id": "credit_card_1111111", "amount": 820}, {"payment_id": "credit_card_1111111", "amount": -820}], "created_at": "2024-05-10T10:00:00", "total_baggages": 2, "nonfree_baggages": 0, "insurance": "no", "status": "cancelled"}`,
    });
    expect(diffStates(before, state).patch).toEqual([
      { op: 'add', path: '/reservations/ABC123/payment_history/1', value: { payment_id: 'credit_card_1111111', amount: -820 } },
      { op: 'add', path: '/reservations/ABC123/status', value: 'cancelled' },
    ]);
  });

  it('cancels again when asked again, reversing the whole history once more', () => {
    const state = fixtureState();
    call(state, 'cancel_reservation', { reservation_id: 'ABC123' });
    call(state, 'cancel_reservation', { reservation_id: 'ABC123' });
    expect(state.get('reservations', 'ABC123')?.payment_history.map((payment) => payment.amount)).toEqual([820, -820, -820, 820]);
  });

  it('fails on an unknown reservation, changing nothing', () => {
    expectFailure(fixtureState(), 'cancel_reservation', { reservation_id: 'NOPE00' }, 'Error: reservation not found');
  });
});
