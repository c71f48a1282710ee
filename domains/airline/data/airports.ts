/** One airport the generated airline serves. Coordinates set flight durations; hubs get the most routes. */
export interface Airport {
  code: string;
  city: string;
  latitude: number;
  longitude: number;
  hub: boolean;
}

/** The fixed network of the generated airline: twenty real US airports, four of them hubs. */
export const AIRPORTS: readonly Airport[] = [
  { code: 'ATL', city: 'Atlanta', latitude: 33.64, longitude: -84.43, hub: true },
  { code: 'AUS', city: 'Austin', latitude: 30.19, longitude: -97.67, hub: false },
  { code: 'BNA', city: 'Nashville', latitude: 36.12, longitude: -86.68, hub: false },
  { code: 'BOS', city: 'Boston', latitude: 42.36, longitude: -71.01, hub: false },
  { code: 'BWI', city: 'Baltimore', latitude: 39.18, longitude: -76.67, hub: false },
  { code: 'DCA', city: 'Washington', latitude: 38.85, longitude: -77.04, hub: false },
  { code: 'DEN', city: 'Denver', latitude: 39.86, longitude: -104.67, hub: true },
  { code: 'DFW', city: 'Dallas', latitude: 32.9, longitude: -97.04, hub: true },
  { code: 'MCI', city: 'Kansas City', latitude: 39.3, longitude: -94.71, hub: false },
  { code: 'MSY', city: 'New Orleans', latitude: 29.99, longitude: -90.26, hub: false },
  { code: 'ORD', city: 'Chicago', latitude: 41.98, longitude: -87.9, hub: true },
  { code: 'PDX', city: 'Portland', latitude: 45.59, longitude: -122.6, hub: false },
  { code: 'PHX', city: 'Phoenix', latitude: 33.43, longitude: -112.01, hub: false },
  { code: 'PIT', city: 'Pittsburgh', latitude: 40.49, longitude: -80.23, hub: false },
  { code: 'RDU', city: 'Raleigh', latitude: 35.88, longitude: -78.79, hub: false },
  { code: 'SAN', city: 'San Diego', latitude: 32.73, longitude: -117.19, hub: false },
  { code: 'SEA', city: 'Seattle', latitude: 47.45, longitude: -122.31, hub: false },
  { code: 'SJC', city: 'San Jose', latitude: 37.36, longitude: -121.93, hub: false },
  { code: 'SLC', city: 'Salt Lake City', latitude: 40.79, longitude: -111.98, hub: false },
  { code: 'TPA', city: 'Tampa', latitude: 27.98, longitude: -82.53, hub: false },
];

const EARTH_RADIUS_MILES = 3959;
const CRUISE_MILES_PER_HOUR = 500;
const GROUND_MINUTES = 40;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two airports in miles. */
export function distanceMiles(from: Airport, to: Airport): number {
  const latitudeDelta = radians(to.latitude - from.latitude);
  const longitudeDelta = radians(to.longitude - from.longitude);
  const haversine = Math.sin(latitudeDelta / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(longitudeDelta / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(haversine));
}

/** Scheduled block time between two airports: cruise time plus taxi, in half hours, at least one hour. */
export function blockMinutes(from: Airport, to: Airport): number {
  const minutes = (distanceMiles(from, to) / CRUISE_MILES_PER_HOUR) * 60 + GROUND_MINUTES;
  return Math.max(60, Math.round(minutes / 30) * 30);
}
