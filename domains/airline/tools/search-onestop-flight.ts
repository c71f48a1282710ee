import { z } from 'zod';
import { defineTool, fail, keyErrorText, lastCodePoints, ok, parsePythonInt, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { dateEntry, flightOnDate, flightOrigin, flightRoute, routeKey } from './flight-search-result.ts';
import { airportCodeParameter, flightDateParameter } from './parameters.ts';

export const searchOnestopFlight = defineTool({
  name: 'search_onestop_flight',
  description: 'Find pairs of connecting flights (one stop) from one city to another, leaving on a given day.',
  params: z.object({
    origin: airportCodeParameter('origin', 'JFK'),
    destination: airportCodeParameter('destination', 'LAX'),
    date: flightDateParameter('2024-05-01'),
  }),
  kind: 'read',
  run(state: DomainState<AirlineRecords>, { origin, destination, date }) {
    const results: Record<string, unknown>[][] = [];
    // Every pair tau-bench's nested scan over all flights visits, in its order, without the scan: the
    // flights leaving the origin, then for each the flights of the route from its destination onwards.
    for (const first of state.valuesWithKey('flights', flightOrigin, origin)) {
      for (const second of state.valuesWithKey('flights', flightRoute, routeKey(first.destination, destination))) {
        let secondDate = date;
        if (first.scheduled_arrival_time_est.includes('+1')) {
          // tau-bench adds one to the day of the month and writes it unpadded, in May whatever the month.
          const day = parsePythonInt(lastCodePoints(date, 2));
          if (!day.ok) return fail(`Error: ${day.error}`);
          secondDate = `2024-05-${day.value + 1}`;
        }
        if (first.scheduled_arrival_time_est > second.scheduled_departure_time_est) continue;
        const firstDay = dateEntry(first, date);
        const secondDay = dateEntry(second, secondDate);
        if (firstDay?.status !== 'available' || secondDay?.status !== 'available') continue;
        // The second leg shows the entry of the first leg's date, not of its own.
        const secondShown = dateEntry(second, date);
        if (!secondShown) return fail(keyErrorText(date));
        results.push([
          { ...flightOnDate(first, firstDay), date },
          { ...flightOnDate(second, secondShown), date: secondDate },
        ]);
      }
    }
    return ok(results);
  },
});
