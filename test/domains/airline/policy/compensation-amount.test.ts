import { describe, expect, it } from 'vitest';
import { compensationAmount } from '../../../../domains/airline/policy/compensation-amount.ts';
import { call, findingsOf, findReservation, identify, lookUp, statusOf, traceOf } from './policy-fixtures.ts';

const cancelledFlight = (segments: readonly { flight_number: string; date: string }[]) => segments.find((segment) => statusOf(segment) === 'cancelled');
const { reservation } = findReservation((candidate, owner) => owner.membership === 'gold' && candidate.passengers.length >= 2 && cancelledFlight(candidate.flights) !== undefined);
const userId = reservation.user_id;
const passengers = reservation.passengers.length;
const flight = cancelledFlight(reservation.flights)!;
const certificate = (amount: number) => call('send_certificate', { user_id: userId, amount });
const check = (...amounts: number[]) => findingsOf(compensationAmount, traceOf(userId, [identify(userId), lookUp(reservation.reservation_id), ...amounts.map(certificate)]));

describe('compensation-amount', () => {
  it('passes $100 per passenger for a cancelled flight', () => {
    expect(check(100 * passengers)).toEqual([]);
  });

  it('flags another amount, naming the right one', () => {
    expect(check(100)).toEqual([
      {
        actionIndex: 2,
        message: `send_certificate gives $100, but the compensation is $100 × ${passengers} passengers = $${100 * passengers} for the cancelled flight ${flight.flight_number} on ${flight.date} of reservation ${reservation.reservation_id}`,
      },
    ]);
  });

  it('flags compensating the same reservation twice', () => {
    expect(check(100 * passengers, 100 * passengers)).toEqual([
      { actionIndex: 3, message: `send_certificate compensates the cancelled flight of reservation ${reservation.reservation_id} again: actions[2] already did; each reservation is compensated once` },
    ]);
    expect(check(100 * passengers, 100)).toEqual([{ actionIndex: 3, message: 'send_certificate gives $100, but every eligible reservation was already compensated' }]);
  });

  it('asks $50 per passenger for a delayed flight once the reservation was cancelled', () => {
    const delayed = findReservation(
      (candidate, owner) =>
        owner.membership !== 'regular' &&
        (candidate.cabin === 'business' || candidate.insurance === 'yes') &&
        candidate.flights.some((segment) => statusOf(segment) === 'delayed') &&
        candidate.flights.every((segment) => statusOf(segment) !== 'landed' && statusOf(segment) !== 'flying'),
    ).reservation;
    const late = delayed.flights.find((segment) => statusOf(segment) === 'delayed')!;
    const count = delayed.passengers.length;
    const run = (amount: number) =>
      findingsOf(
        compensationAmount,
        traceOf(delayed.user_id, [identify(delayed.user_id), lookUp(delayed.reservation_id), call('cancel_reservation', { reservation_id: delayed.reservation_id }), call('send_certificate', { user_id: delayed.user_id, amount })]),
      );
    expect(run(50 * count)).toEqual([]);
    expect(run(100 * count)).toEqual([
      {
        actionIndex: 3,
        message: `send_certificate gives $${100 * count}, but the compensation is $50 × ${count} passenger${count === 1 ? '' : 's'} = $${50 * count} for the delayed flight ${late.flight_number} on ${late.date} of reservation ${delayed.reservation_id}`,
      },
    ]);
  });
});
