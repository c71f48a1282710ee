import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { updateReservationFlights } from '../tools/update-reservation-flights.ts';
import { callsOf, type Finding } from './airline-trace.ts';
import { routeInWords } from './flight-segments.ts';
import { tripInWords, tripShapeProblem } from './trip-shape.ts';

/** New flights keep the reservation's origin, destination and trip type. */
export const tripUnchangedByFlightChange = definePolicyRule<AirlineRecords>({
  name: 'trip-unchanged-by-flight-change',
  description: "Changing a reservation's flights keeps its origin, destination and trip type (one way or round trip).",
  appliesTo: ['update_reservation_flights'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, updateReservationFlights)) {
      const reservation = step.before.get('reservations', args.reservation_id);
      if (!reservation) continue;
      const problem = tripShapeProblem(step.before, args.flights, reservation);
      const newRoute = routeInWords(step.before, args.flights);
      // Data whose booked flights never fit the stated trip: only a different route is a change.
      if (!problem || newRoute === routeInWords(step.before, reservation.flights)) continue;
      findings.push({
        actionIndex: step.index,
        message: `update_reservation_flights gives reservation ${reservation.reservation_id} (a ${tripInWords(reservation)}) flights that fly ${newRoute}: ${problem}; the origin, destination and trip type cannot change`,
      });
    }
    return findings;
  },
});
