import type { DeepReadonly } from '../../../src/domain-kit/index.ts';
import type { Reservation } from '../schema.ts';
import type { AirlineState } from './airline-trace.ts';
import { segmentEnds, type Segment } from './flight-segments.ts';

/** What a trip promises: where it starts, where it goes, and whether it comes back. */
export type TripShape = Pick<Reservation, 'origin' | 'destination' | 'flight_type'>;

export const tripInWords = (trip: TripShape): string =>
  `${trip.flight_type === 'round_trip' ? 'round trip' : 'one-way trip'} ${trip.origin}-${trip.destination}${trip.flight_type === 'round_trip' ? `-${trip.origin}` : ''}`;

/**
 * Why the segments do not fly the trip, or undefined when they do: they connect one to the next, the
 * first leaves from the origin, and the last lands at the destination (one way) or back at the origin
 * after one of them landed at the destination (round trip).
 */
export function tripShapeProblem(state: AirlineState, segments: readonly DeepReadonly<Segment>[], trip: TripShape): string | undefined {
  if (segments.length === 0) return 'there are no flights';
  const ends = [];
  for (const segment of segments) {
    const found = segmentEnds(state, segment);
    if (!found) return `flight ${segment.flight_number} is not in the flight data`;
    ends.push(found);
  }
  for (let index = 1; index < ends.length; index++) {
    const previous = ends[index - 1]!;
    const current = ends[index]!;
    if (current.origin !== previous.destination) {
      return `flight ${segments[index]!.flight_number} leaves from ${current.origin}, not from ${previous.destination} where flight ${segments[index - 1]!.flight_number} lands`;
    }
  }
  const first = ends[0]!;
  const last = ends[ends.length - 1]!;
  if (first.origin !== trip.origin) return `the first flight leaves from ${first.origin}, not from ${trip.origin}`;
  if (trip.flight_type === 'one_way') {
    if (last.destination !== trip.destination) return `the last flight lands at ${last.destination}, not at ${trip.destination}`;
    return undefined;
  }
  if (last.destination !== trip.origin) return `the last flight lands at ${last.destination}, not back at ${trip.origin}`;
  if (!ends.slice(0, -1).some((end) => end.destination === trip.destination)) return `no flight lands at ${trip.destination} before the trip turns back`;
  return undefined;
}
