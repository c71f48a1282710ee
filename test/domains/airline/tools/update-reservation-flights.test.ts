import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../../src/domain-kit/index.ts';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

const tail =
  '"passengers": [{"first_name": "Ana", "last_name": "Park", "dob": "1985-03-02"}, {"first_name": "Leo", "last_name": "Park", "dob": "2012-07-30"}]';
const head = '"reservation_id": "ABC123", "user_id": "ana_park_1001", "origin": "JFK", "destination": "LAX", "flight_type": "round_trip", "cabin": "economy"';
const end = '"created_at": "2024-05-10T10:00:00", "total_baggages": 2, "nonfree_baggages": 0, "insurance": "no"';

describe('update_reservation_flights', () => {
  it('keeps the price of segments kept in the same cabin, prices new ones now, and charges the difference', () => {
    const before = fixtureState();
    const state = before.fork();
    const flights = [
      { flight_number: 'HAT003', date: '2024-05-16' },
      { flight_number: 'HAT004', date: '2024-05-16' },
      { flight_number: 'HAT002', date: '2024-05-20' },
    ];
    const result = call(state, 'update_reservation_flights', { reservation_id: 'ABC123', cabin: 'economy', flights, payment_id: 'gift_card_2222222' });
    expect(result).toEqual({
      ok: true,
      kind: 'write',
      content: `{${head}, "flights": [{"flight_number": "HAT003", "date": "2024-05-16", "price": 120, "origin": "JFK", "destination": "ORD"}, {"flight_number": "HAT004", "date": "2024-05-16", "price": 140, "origin": "ORD", "destination": "LAX"}, {"flight_number": "HAT002", "date": "2024-05-20", "price": 210, "origin": "LAX", "destination": "JFK"}], ${tail}, "payment_history": [{"payment_id": "credit_card_1111111", "amount": 820}, {"payment_id": "gift_card_2222222", "amount": 120}], ${end}}`,
    });
    expect(state.get('users', 'ana_park_1001')?.payment_methods.gift_card_2222222).toEqual({ source: 'gift_card', amount: 180, id: 'gift_card_2222222' });
    const changedPaths = diffStates(before, state).patch.map((operation) => `${operation.op} ${operation.path}`);
    expect(changedPaths).toContain('add /reservations/ABC123/payment_history/1');
    expect(changedPaths).toContain('replace /users/ana_park_1001/payment_methods/gift_card_2222222/amount');
    expect(changedPaths.filter((path) => path.startsWith('add /flights') || path.includes('/flights/HAT'))).toEqual([]);
  });

  it('reprices every segment on a cabin change, but leaves the cabin field as it was', () => {
    const state = fixtureState();
    const flights = [
      { flight_number: 'HAT001', date: '2024-05-16' },
      { flight_number: 'HAT002', date: '2024-05-20' },
    ];
    const result = call(state, 'update_reservation_flights', { reservation_id: 'ABC123', cabin: 'business', flights, payment_id: 'credit_card_1111111' });
    expect(result.content).toBe(
      `{${head}, "flights": [{"flight_number": "HAT001", "date": "2024-05-16", "price": 500, "origin": "JFK", "destination": "LAX"}, {"flight_number": "HAT002", "date": "2024-05-20", "price": 520, "origin": "LAX", "destination": "JFK"}], ${tail}, "payment_history": [{"payment_id": "credit_card_1111111", "amount": 820}, {"payment_id": "credit_card_1111111", "amount": 1220}], ${end}}`,
    );
    expect(state.get('reservations', 'ABC123')?.cabin).toBe('economy');
  });

  it('refunds a cheaper itinerary to a gift card as a negative payment', () => {
    const state = fixtureState();
    const flights = [
      { flight_number: 'HAT001', date: '2024-05-16' },
      { flight_number: 'HAT002', date: '2024-05-20' },
    ];
    call(state, 'update_reservation_flights', { reservation_id: 'ABC123', cabin: 'basic_economy', flights, payment_id: 'gift_card_2222222' });
    expect(state.get('reservations', 'ABC123')?.payment_history.at(-1)).toEqual({ payment_id: 'gift_card_2222222', amount: -440 });
    expect(state.get('users', 'ana_park_1001')?.payment_methods.gift_card_2222222).toEqual({ source: 'gift_card', amount: 740, id: 'gift_card_2222222' });
  });

  it('rewrites the segments in the order given and records no payment when the price is unchanged', () => {
    const state = fixtureState();
    const flights = [
      { flight_number: 'HAT002', date: '2024-05-20' },
      { flight_number: 'HAT001', date: '2024-05-16' },
    ];
    const result = call(state, 'update_reservation_flights', { reservation_id: 'ABC123', cabin: 'economy', flights, payment_id: 'credit_card_1111111' });
    expect(result.content).toBe(
      `{${head}, "flights": [{"flight_number": "HAT002", "date": "2024-05-20", "price": 210, "origin": "LAX", "destination": "JFK"}, {"flight_number": "HAT001", "date": "2024-05-16", "price": 200, "origin": "JFK", "destination": "LAX"}], ${tail}, "payment_history": [{"payment_id": "credit_card_1111111", "amount": 820}], ${end}}`,
    );
  });

  describe('fails, changing nothing', () => {
    const state = fixtureState();
    const change = (flights: { flight_number: string; date: string }[], payment_id = 'credit_card_1111111', cabin = 'economy', reservation_id = 'ABC123') => ({
      reservation_id,
      cabin,
      flights,
      payment_id,
    });
    const kept = { flight_number: 'HAT001', date: '2024-05-16' };
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown reservation', change([kept], 'credit_card_1111111', 'economy', 'NOPE00'), 'Error: reservation not found'],
      ['an unknown flight', change([kept, { flight_number: 'HAT999', date: '2024-05-20' }]), 'Error: flight HAT999 not found'],
      ['a date the flight has no entry for', change([{ flight_number: 'HAT002', date: '2024-05-22' }]), 'Error: flight HAT002 not found on date 2024-05-22'],
      ['a delayed flight', change([{ flight_number: 'HAT002', date: '2024-05-21' }]), 'Error: flight HAT002 not available on date 2024-05-21'],
      ['too few seats for the passengers', change([{ flight_number: 'HAT001', date: '2024-05-18' }], 'credit_card_1111111', 'basic_economy'), 'Error: not enough seats on flight HAT001'],
      ['an available date without seat lists', change([{ flight_number: 'HAT010', date: '2024-05-16' }]), "Error: 'available_seats'"],
      ["a reservation whose user is missing (tau-bench's KeyError)", change([{ flight_number: 'HAT003', date: '2024-05-16' }], 'x', 'economy', 'ORPHAN'), "Error: 'ghost_0000'"],
      ['a payment method not in the profile', change([kept], 'gift_card_0000000'), 'Error: payment method not found'],
      ['a certificate, even when nothing is to pay', change([kept, { flight_number: 'HAT002', date: '2024-05-20' }], 'certificate_3333333'), 'Error: certificate cannot be used to update reservation'],
      ['a gift card without enough balance', change([kept, { flight_number: 'HAT002', date: '2024-05-20' }], 'gift_card_2222222', 'business'), 'Error: gift card balance is not enough'],
    ];
    it.each(cases)('%s', (_label, args, error) => expectFailure(state, 'update_reservation_flights', args, error));
  });
});
