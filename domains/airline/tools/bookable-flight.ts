import { fail, keyErrorText, type DeepReadonly, type DomainState, type ToolResult } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords, Cabin, ReservationFlight } from '../schema.ts';

/**
 * Checks that a flight can be booked on its date for `passengerCount` passengers in `cabin`, as
 * book_reservation and update_reservation_flights both do (same checks, same order, same error text),
 * and fills in the segment's current price, origin and destination. Returns the failure, if any.
 */
export function priceBookableFlight(
  state: DomainState<AirlineRecords>,
  flight: ReservationFlight,
  cabin: Cabin | DeepReadonly<Cabin>,
  passengerCount: number,
): ToolResult | undefined {
  const flightNumber = flight.flight_number;
  const record = state.get('flights', flightNumber);
  if (!record) return fail(`Error: flight ${flightNumber} not found`);
  const day = Object.hasOwn(record.dates, flight.date) ? record.dates[flight.date] : undefined;
  if (!day) return fail(`Error: flight ${flightNumber} not found on date ${flight.date}`);
  if (day.status !== 'available') return fail(`Error: flight ${flightNumber} not available on date ${flight.date}`);
  if (!day.available_seats) return fail(keyErrorText('available_seats'));
  if (day.available_seats[cabin] < passengerCount) return fail(`Error: not enough seats on flight ${flightNumber}`);
  if (!day.prices) return fail(keyErrorText('prices'));
  flight.price = day.prices[cabin];
  flight.origin = record.origin;
  flight.destination = record.destination;
  return undefined;
}
