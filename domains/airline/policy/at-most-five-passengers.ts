import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { bookReservation } from '../tools/book-reservation.ts';
import { callsOf } from './airline-trace.ts';

export const MAX_PASSENGERS = 5;

/** A reservation carries at most five passengers (the booking tool takes any number). */
export const atMostFivePassengers = definePolicyRule<AirlineRecords>({
  name: 'at-most-five-passengers',
  description: `A reservation can have at most ${MAX_PASSENGERS} passengers.`,
  appliesTo: ['book_reservation'],
  check(trace) {
    return callsOf(trace, bookReservation)
      .filter(({ args }) => args.passengers.length > MAX_PASSENGERS)
      .map(({ step, args }) => ({
        actionIndex: step.index,
        message: `book_reservation books ${args.passengers.length} passengers, but a reservation can have at most ${MAX_PASSENGERS}`,
      }));
  },
});
