import type { DeepReadonly } from '../../../src/domain-kit/index.ts';
import type { Flight, FlightDate } from '../schema.ts';

/**
 * A search result as tau-bench builds it: the flight's fields except `dates`, then the fields of
 * one date's entry (status, seats, prices...), in that order.
 */
export function flightOnDate(flight: DeepReadonly<Flight>, day: DeepReadonly<FlightDate>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flight)) if (key !== 'dates') result[key] = value;
  return Object.assign(result, day);
}

/** `flight["dates"][date]`, or undefined when the flight has no entry for that date. */
export const dateEntry = (flight: DeepReadonly<Flight>, date: string): DeepReadonly<FlightDate> | undefined =>
  Object.hasOwn(flight.dates, date) ? flight.dates[date] : undefined;

/** The key flights are looked up by for a nonstop route (`state.valuesWithKey`): origin and destination. */
export const routeKey = (origin: string, destination: string): string => JSON.stringify([origin, destination]);

/** A flight's route key, for `state.valuesWithKey('flights', flightRoute, routeKey(origin, destination))`. */
export const flightRoute = (flight: DeepReadonly<Flight>): string => routeKey(flight.origin, flight.destination);

/** A flight's origin, for `state.valuesWithKey('flights', flightOrigin, origin)`. */
export const flightOrigin = (flight: DeepReadonly<Flight>): string => flight.origin;
