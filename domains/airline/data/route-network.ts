import type { Faker } from '@faker-js/faker';
import { AIRPORTS, distanceMiles, type Airport } from './airports.ts';

/** One direction of a city pair the airline flies, with how strongly it is served. */
export interface DirectedRoute {
  origin: Airport;
  destination: Airport;
  weight: number;
}

/** Average flights per city pair at any scale (tau-bench: 300 flights over about 55 pairs). */
const FLIGHTS_PER_CITY_PAIR = 5.5;
/** Spoke-to-spoke pairs shorter than this may get a nonstop. */
const SHORT_HOP_MILES = 1000;

type CityPair = [Airport, Airport, number];

/**
 * Decides which airports are connected and by how many flights: returns one directed route per flight
 * (`flightCount` entries). Every city pair is flown in both directions, so round trips exist. Pairs
 * are taken in priority order (hubs with each other, each spoke with its nearest hub, then other hub
 * links and short spoke hops), so even a small network stays connected through the hubs.
 */
export function planFlightRoutes(faker: Faker, flightCount: number): DirectedRoute[] {
  const hubs = AIRPORTS.filter((airport) => airport.hub);
  const spokes = AIRPORTS.filter((airport) => !airport.hub);
  const nearestHub = (spoke: Airport) => hubs.reduce((best, hub) => (distanceMiles(spoke, hub) < distanceMiles(spoke, best) ? hub : best));

  const hubPairs: CityPair[] = hubs.flatMap((hub, index) => hubs.slice(index + 1).map((other): CityPair => [hub, other, 3]));
  const primaryLinks: CityPair[] = spokes.map((spoke): CityPair => [spoke, nearestHub(spoke), 2]);
  const secondaryLinks: CityPair[] = spokes.flatMap((spoke) => hubs.filter((hub) => hub !== nearestHub(spoke)).map((hub): CityPair => [spoke, hub, 2]));
  const shortHops: CityPair[] = spokes.flatMap((spoke, index) =>
    spokes.slice(index + 1).filter((other) => distanceMiles(spoke, other) < SHORT_HOP_MILES).map((other): CityPair => [spoke, other, 1]),
  );
  const candidates = [
    ...faker.helpers.shuffle([...hubPairs, ...primaryLinks]),
    ...faker.helpers.shuffle([...secondaryLinks, ...shortHops]),
  ];

  const pairCount = Math.min(candidates.length, Math.max(1, Math.min(Math.floor(flightCount / 2), Math.round(flightCount / FLIGHTS_PER_CITY_PAIR))));
  const routes: DirectedRoute[] = candidates.slice(0, pairCount).flatMap(([first, second, weight]) => [
    { origin: first, destination: second, weight },
    { origin: second, destination: first, weight },
  ]);
  const flights = routes.slice(0, flightCount);
  const totalWeight = routes.reduce((sum, route) => sum + route.weight, 0);
  while (flights.length < flightCount) {
    let pick = faker.number.float({ min: 0, max: totalWeight });
    const route = routes.find((candidate) => (pick -= candidate.weight) <= 0) ?? routes[routes.length - 1];
    if (route) flights.push(route);
  }
  return flights;
}
