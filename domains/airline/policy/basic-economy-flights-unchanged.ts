import { definePolicyRule, type DeepReadonly } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { updateReservationFlights } from '../tools/update-reservation-flights.ts';
import { cabinBefore, callsOf, type Finding } from './airline-trace.ts';
import { segmentInWords, type Segment } from './flight-segments.ts';

const segmentKeys = (segments: readonly DeepReadonly<Segment>[]) => segments.map((segment) => `${segment.flight_number}@${segment.date}`).sort();

const sameSegments = (left: readonly DeepReadonly<Segment>[], right: readonly DeepReadonly<Segment>[]) => segmentKeys(left).join() === segmentKeys(right).join();

/** A basic economy reservation may change cabin (same flights) but never its flights. */
export const basicEconomyFlightsUnchanged = definePolicyRule<AirlineRecords>({
  name: 'basic-economy-flights-unchanged',
  description: "The flights of a basic economy reservation cannot be changed; only its cabin can, on the same flights.",
  appliesTo: ['update_reservation_flights'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, updateReservationFlights)) {
      const reservation = step.before.get('reservations', args.reservation_id);
      if (!reservation || cabinBefore(trace, reservation.reservation_id, step.index) !== 'basic_economy') continue;
      if (sameSegments(reservation.flights, args.flights)) continue;
      findings.push({
        actionIndex: step.index,
        message: `update_reservation_flights changes the flights of basic economy reservation ${reservation.reservation_id} (${reservation.flights.map(segmentInWords).join(', ')} to ${args.flights.map(segmentInWords).join(', ')}); a basic economy reservation can change its cabin but not its flights`,
      });
    }
    return findings;
  },
});
