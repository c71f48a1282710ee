import { Faker, en } from '@faker-js/faker';
import type { DomainData, GenerateOptions } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords, Flight, User } from '../schema.ts';
import { generateFlights } from './generate-flights.ts';
import { generateReservations } from './generate-reservations.ts';
import { UniqueIds } from './unique-ids.ts';
import { generateUsers } from './generate-users.ts';

export const DEFAULT_SEED = 20240515;

/** Record counts at scale 1, about tau-bench's airline database. */
export const BASE_COUNTS = { flights: 300, reservations: 2000, users: 500 } as const;

/** Record counts for a scale: each base count times the scale, rounded, at least 2 flights and 1 of the rest. */
export function airlineRecordCounts(scale: number): { flights: number; reservations: number; users: number } {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  return {
    flights: Math.max(2, Math.round(BASE_COUNTS.flights * scale)),
    reservations: Math.max(1, Math.round(BASE_COUNTS.reservations * scale)),
    users: Math.max(1, Math.round(BASE_COUNTS.users * scale)),
  };
}

/**
 * Generates a complete, internally consistent airline database from a seed: flights over a fixed
 * network of US airports with a status per date as seen at 2024-05-15 15:00 EST, users with wallets,
 * and reservations booked on real flights by those users. The same seed and scale give the same data,
 * key order included.
 */
export function generateAirlineData({ seed, scale = 1 }: GenerateOptions): DomainData<AirlineRecords> {
  const counts = airlineRecordCounts(scale);
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const flights = generateFlights(faker, counts.flights);
  const users = generateUsers(faker, counts.users, new UniqueIds());
  const reservations = generateReservations(faker, flights, users, counts.reservations);
  return {
    flights: Object.fromEntries(flights.map(({ record }): [string, Flight] => [record.flight_number, record])),
    reservations,
    users: Object.fromEntries(users.map(({ id, record }): [string, User] => [id, record])),
  };
}
