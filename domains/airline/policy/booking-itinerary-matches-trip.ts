import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { bookReservation } from '../tools/book-reservation.ts';
import { callsOf, type Finding } from './airline-trace.ts';
import { routeInWords } from './flight-segments.ts';
import { tripInWords, tripShapeProblem } from './trip-shape.ts';

/**
 * The flights of a booking fly the trip it states (the booking tool stores origin, destination and trip
 * type as given, whatever the flights are).
 */
export const bookingItineraryMatchesTrip = definePolicyRule<AirlineRecords>({
  name: 'booking-itinerary-matches-trip',
  description: "A booking's flights connect and fly its stated trip: from the origin to the destination, and back to the origin for a round trip.",
  appliesTo: ['book_reservation'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, bookReservation)) {
      const problem = tripShapeProblem(step.before, args.flights, args);
      if (problem) {
        findings.push({
          actionIndex: step.index,
          message: `book_reservation books a ${tripInWords(args)}, but its flights fly ${routeInWords(step.before, args.flights)}: ${problem}`,
        });
      }
    }
    return findings;
  },
});
