import { describe, expect, it } from 'vitest';
import { basicEconomyFlightsUnchanged } from '../../../../domains/airline/policy/basic-economy-flights-unchanged.ts';
import { call, creditCardOf, findingsOf, findReservation, identify, isUpcoming, methodsOf, openFlights, segmentsOf, traceOf } from './policy-fixtures.ts';

const moved = (flightNumber: string, date: string) => openFlights().find((flight) => flight.flight_number === flightNumber && flight.date !== date && flight.seats.economy >= 1 && flight.seats.basic_economy >= 1);
const { reservation, owner } = findReservation(
  (candidate, user) =>
    isUpcoming(candidate) && candidate.cabin === 'basic_economy' && candidate.flights.length === 1 && candidate.passengers.length === 1 && methodsOf(user, 'credit_card').length > 0 && moved(candidate.flights[0]!.flight_number, candidate.flights[0]!.date) !== undefined,
);
const userId = reservation.user_id;
const booked = reservation.flights[0]!;
const later = moved(booked.flight_number, booked.date)!;
const change = (cabin: string, flights: Array<{ flight_number: string; date: string }>) =>
  call('update_reservation_flights', { reservation_id: reservation.reservation_id, cabin, flights, payment_id: creditCardOf(owner) });
const check = (...calls: ReturnType<typeof change>[]) => findingsOf(basicEconomyFlightsUnchanged, traceOf(userId, [identify(userId), ...calls]));
const newFlights = [{ flight_number: later.flight_number, date: later.date }];
const message = () =>
  `update_reservation_flights changes the flights of basic economy reservation ${reservation.reservation_id} (${booked.flight_number} on ${booked.date} to ${later.flight_number} on ${later.date}); a basic economy reservation can change its cabin but not its flights`;

describe('basic-economy-flights-unchanged', () => {
  it('passes a cabin change on the same flights', () => {
    expect(check(change('economy', segmentsOf(reservation)))).toEqual([]);
  });

  it('flags moving a basic economy reservation to other flights, with or without a cabin change in the same call', () => {
    expect(check(change('basic_economy', newFlights))).toEqual([{ actionIndex: 1, message: message() }]);
    expect(check(change('economy', newFlights))).toEqual([{ actionIndex: 1, message: message() }]);
  });

  it('lets a reservation upgraded out of basic economy earlier in the conversation change flights', () => {
    expect(check(change('economy', segmentsOf(reservation)), change('economy', newFlights))).toEqual([]);
  });
});
