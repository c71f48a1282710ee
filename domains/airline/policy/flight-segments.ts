import type { DeepReadonly } from '../../../src/domain-kit/index.ts';
import type { FlightDate, ReservationFlight } from '../schema.ts';
import type { AirlineState } from './airline-trace.ts';

/** A flight on one date, as a reservation or a call names it. */
export type Segment = Pick<ReservationFlight, 'flight_number' | 'date'>;

/** The status of a segment's flight on its date (`available`, `landed`, `cancelled`...), if the data has that date. */
export function segmentStatus(state: AirlineState, segment: Segment): FlightDate['status'] | undefined {
  const flight = state.get('flights', segment.flight_number);
  if (!flight || !Object.hasOwn(flight.dates, segment.date)) return undefined;
  return flight.dates[segment.date]?.status;
}

/** A segment is used once its flight has taken off: it is flying or has landed. */
export const hasTakenOff = (state: AirlineState, segment: Segment): boolean => {
  const status = segmentStatus(state, segment);
  return status === 'flying' || status === 'landed';
};

/** "HAT001 on 2024-05-16". */
export const segmentInWords = (segment: Segment): string => `${segment.flight_number} on ${segment.date}`;

/** Where a segment flies from and to: from the flight record, else from the reservation's own copy. */
export function segmentEnds(state: AirlineState, segment: Segment & Partial<Pick<ReservationFlight, 'origin' | 'destination'>>): { origin: string; destination: string } | undefined {
  const flight = state.get('flights', segment.flight_number);
  if (flight) return { origin: flight.origin, destination: flight.destination };
  if (segment.origin !== undefined && segment.destination !== undefined) return { origin: segment.origin, destination: segment.destination };
  return undefined;
}

/** The airports a list of segments passes through, e.g. "JFK-ATL-SEA" (a break in the chain shows as " / "). */
export function routeInWords(state: AirlineState, segments: readonly DeepReadonly<Segment>[]): string {
  let route = '';
  let at: string | undefined;
  for (const segment of segments) {
    const ends = segmentEnds(state, segment);
    if (!ends) {
      route += `${route ? ' / ' : ''}${segment.flight_number}?`;
      at = undefined;
      continue;
    }
    if (at === ends.origin) route += `-${ends.destination}`;
    else route += `${route ? ' / ' : ''}${ends.origin}-${ends.destination}`;
    at = ends.destination;
  }
  return route || '(no flights)';
}
