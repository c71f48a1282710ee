import { describe, expect, it } from 'vitest';
import { atMostFivePassengers } from '../../../../domains/airline/policy/at-most-five-passengers.ts';
import { call, creditCardOf, findingsOf, findOpenFlight, findUser, identify, person, segment, traceOf } from './policy-fixtures.ts';

const { userId, user } = findUser((candidate) => Object.values(candidate.payment_methods).some((method) => method.source === 'credit_card'));
const flight = findOpenFlight((candidate) => candidate.seats.business >= 6);
const booking = (count: number) =>
  call('book_reservation', {
    user_id: userId,
    origin: flight.origin,
    destination: flight.destination,
    flight_type: 'one_way',
    cabin: 'business',
    flights: [segment(flight)],
    passengers: Array.from({ length: count }, (_, index) => person('Traveller', `Number${index + 1}`)),
    payment_methods: [{ payment_id: creditCardOf(user), amount: flight.prices.business * count }],
    total_baggages: 0,
    nonfree_baggages: 0,
    insurance: 'no',
  });

describe('at-most-five-passengers', () => {
  it('passes a booking of five passengers', () => {
    expect(findingsOf(atMostFivePassengers, traceOf(userId, [identify(userId), booking(5)]))).toEqual([]);
  });

  it('flags a booking of six passengers', () => {
    expect(findingsOf(atMostFivePassengers, traceOf(userId, [identify(userId), booking(6)]))).toEqual([
      { actionIndex: 1, message: 'book_reservation books 6 passengers, but a reservation can have at most 5' },
    ]);
  });
});
