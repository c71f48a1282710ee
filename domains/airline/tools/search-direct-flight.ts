import { z } from 'zod';
import { defineTool, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { dateEntry, flightOnDate, flightRoute, routeKey } from './flight-search-result.ts';
import { airportCodeParameter, flightDateParameter } from './parameters.ts';

export const searchDirectFlight = defineTool({
  name: 'search_direct_flight',
  description: 'Find the nonstop flights from one city to another that can be booked on a given day.',
  params: z.object({
    origin: airportCodeParameter('origin', 'JFK'),
    destination: airportCodeParameter('destination', 'LAX'),
    date: flightDateParameter('2024-01-01'),
  }),
  kind: 'read',
  run(state: DomainState<AirlineRecords>, { origin, destination, date }) {
    const results: Record<string, unknown>[] = [];
    // The flights of the route, in data order (what scanning every flight finds, without the scan).
    for (const flight of state.valuesWithKey('flights', flightRoute, routeKey(origin, destination))) {
      const day = dateEntry(flight, date);
      if (day?.status === 'available') results.push(flightOnDate(flight, day));
    }
    return ok(results);
  },
});
