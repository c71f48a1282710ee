import { z } from 'zod';
import { defineTool, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import { AIRPORTS } from '../data/airports.ts';
import type { AirlineRecords } from '../schema.ts';

/** The fixed list tau-bench answers with, whatever the flights are: IATA code -> city. */
export const airportCities: Readonly<Record<string, string>> = Object.freeze({
  SFO: 'San Francisco',
  JFK: 'New York',
  LAX: 'Los Angeles',
  ORD: 'Chicago',
  DFW: 'Dallas',
  DEN: 'Denver',
  SEA: 'Seattle',
  ATL: 'Atlanta',
  MIA: 'Miami',
  BOS: 'Boston',
  PHX: 'Phoenix',
  IAH: 'Houston',
  LAS: 'Las Vegas',
  MCO: 'Orlando',
  EWR: 'Newark',
  CLT: 'Charlotte',
  MSP: 'Minneapolis',
  DTW: 'Detroit',
  PHL: 'Philadelphia',
  LGA: 'LaGuardia',
});

/** Cities of every airport our generated data may use, and tau-bench's. */
const knownCities: Readonly<Record<string, string>> = Object.freeze({ ...Object.fromEntries(AIRPORTS.map((airport) => [airport.code, airport.city])), ...airportCities });

/**
 * tau-bench answers its fixed table whatever the flights are. We answer the same table, byte for byte,
 * whenever every airport the flights serve is in it (tau-bench's own data); on other data (our generated
 * database) the table would be wrong, so we list the airports the flights actually serve, sorted by code.
 */
export function airportTable(state: DomainState<AirlineRecords>): Record<string, string> {
  const served = new Set<string>();
  for (const flight of state.values('flights')) {
    served.add(flight.origin);
    served.add(flight.destination);
  }
  if ([...served].every((code) => Object.hasOwn(airportCities, code))) return airportCities;
  return Object.fromEntries([...served].sort().map((code) => [code, knownCities[code] ?? code]));
}

export const listAllAirports = defineTool({
  name: 'list_all_airports',
  description: 'List every airport by its code, with the city it serves.',
  params: z.object({}),
  kind: 'read',
  run(state: DomainState<AirlineRecords>) {
    return ok(airportTable(state));
  },
});
