import { describe, expect, it } from 'vitest';
import { tripUnchangedByFlightChange } from '../../../../domains/airline/policy/trip-unchanged-by-flight-change.ts';
import { call, creditCardOf, findingsOf, findReservation, identify, isUpcoming, methodsOf, openFlights, segmentsOf, traceOf } from './policy-fixtures.ts';

const { reservation, owner } = findReservation(
  (candidate, user) =>
    isUpcoming(candidate) &&
    candidate.cabin === 'economy' &&
    candidate.flight_type === 'one_way' &&
    candidate.flights.length === 1 &&
    methodsOf(user, 'credit_card').length > 0 &&
    openFlights().some((flight) => flight.origin === candidate.origin && flight.destination === candidate.destination && flight.date !== candidate.flights[0]!.date && flight.seats.economy >= candidate.passengers.length),
);
const userId = reservation.user_id;
const sameRoute = openFlights().find((flight) => flight.origin === reservation.origin && flight.destination === reservation.destination && flight.date !== reservation.flights[0]!.date && flight.seats.economy >= reservation.passengers.length)!;
const otherRoute = openFlights().find((flight) => flight.origin === reservation.origin && flight.destination !== reservation.destination && flight.seats.economy >= reservation.passengers.length)!;
const change = (flights: Array<{ flight_number: string; date: string }>) =>
  call('update_reservation_flights', { reservation_id: reservation.reservation_id, cabin: 'economy', flights, payment_id: creditCardOf(owner) });
const check = (flights: Array<{ flight_number: string; date: string }>) => findingsOf(tripUnchangedByFlightChange, traceOf(userId, [identify(userId), change(flights)]));

describe('trip-unchanged-by-flight-change', () => {
  it('passes keeping the flights, and moving to another flight on the same route', () => {
    expect(check(segmentsOf(reservation))).toEqual([]);
    expect(check([{ flight_number: sameRoute.flight_number, date: sameRoute.date }])).toEqual([]);
  });

  it('flags flights to another destination', () => {
    expect(check([{ flight_number: otherRoute.flight_number, date: otherRoute.date }])).toEqual([
      {
        actionIndex: 1,
        message: `update_reservation_flights gives reservation ${reservation.reservation_id} (a one-way trip ${reservation.origin}-${reservation.destination}) flights that fly ${otherRoute.origin}-${otherRoute.destination}: the last flight lands at ${otherRoute.destination}, not at ${reservation.destination}; the origin, destination and trip type cannot change`,
      },
    ]);
  });

  it('flags turning a one-way trip into a round trip', () => {
    const back = openFlights().find((flight) => flight.origin === reservation.destination && flight.destination === reservation.origin && flight.date > reservation.flights[0]!.date && flight.seats.economy >= reservation.passengers.length);
    expect(back).toBeDefined();
    expect(check([...segmentsOf(reservation), { flight_number: back!.flight_number, date: back!.date }])).toEqual([
      {
        actionIndex: 1,
        message: `update_reservation_flights gives reservation ${reservation.reservation_id} (a one-way trip ${reservation.origin}-${reservation.destination}) flights that fly ${reservation.origin}-${reservation.destination}-${reservation.origin}: the last flight lands at ${reservation.origin}, not at ${reservation.destination}; the origin, destination and trip type cannot change`,
      },
    ]);
  });
});
