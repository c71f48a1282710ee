import { z } from 'zod';
import { defineTool, ok, type DomainState } from '../../../src/domain-kit/index.ts';
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

export const listAllAirports = defineTool({
  name: 'list_all_airports',
  description: 'List every airport by its code, with the city it serves.',
  params: z.object({}),
  kind: 'read',
  run(_state: DomainState<AirlineRecords>) {
    return ok(airportCities);
  },
});
