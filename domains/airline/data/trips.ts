import type { Faker } from '@faker-js/faker';
import { FLIGHT_DATE_COUNT, TODAY_INDEX } from './calendar.ts';
import { itinerarySpanDays, type Itinerary, type ItineraryIndex } from './itineraries.ts';

/** An itinerary flown from a given date (index into FLIGHT_DATES). */
export interface DatedItinerary {
  itinerary: Itinerary;
  dateIndex: number;
}

/** What a reservation flies: the way out and, for a round trip, the way back. */
export interface Trip {
  flightType: 'one_way' | 'round_trip';
  outbound: DatedItinerary;
  inbound?: DatedItinerary;
}

const LAST_DATE_INDEX = FLIGHT_DATE_COUNT - 1;
const ROUND_TRIP_RATE = 0.45;
const NONSTOP_RATE = 0.4;
const LONGEST_STAY_DAYS = 6;
const ATTEMPTS = 40;

/** When a trip starts relative to today: most are still ahead, some are flown, some leave today. */
const TRIP_PERIODS = [
  { value: 'past', weight: 0.2 },
  { value: 'today', weight: 0.08 },
  { value: 'future', weight: 0.72 },
] as const;

const lastDateIndex = ({ itinerary, dateIndex }: DatedItinerary) => dateIndex + (itinerary.legs[itinerary.legs.length - 1]?.dayOffset ?? 0);

/**
 * Plans a trip on the network: a nonstop or one-stop way out from a first date, and for round trips
 * a way back from the destination to the origin at least a day after landing, every flight inside
 * the calendar. Falls back to a one-way nonstop when no return fits.
 */
export function planTrip(faker: Faker, itineraries: ItineraryIndex): Trip {
  const period = faker.helpers.weightedArrayElement([...TRIP_PERIODS]);
  const firstDateIndex =
    period === 'past' ? faker.number.int({ min: 0, max: TODAY_INDEX - 1 }) : period === 'today' ? TODAY_INDEX : faker.number.int({ min: TODAY_INDEX + 1, max: LAST_DATE_INDEX - 1 });
  const roundTrip = faker.datatype.boolean({ probability: ROUND_TRIP_RATE });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const pool = preferNonstop(faker) || itineraries.oneStop.length === 0 ? itineraries.direct : itineraries.oneStop;
    const outbound = { itinerary: faker.helpers.arrayElement(pool), dateIndex: firstDateIndex };
    if (lastDateIndex(outbound) > LAST_DATE_INDEX) continue;
    if (!roundTrip) return { flightType: 'one_way', outbound };
    const inbound = planReturn(faker, itineraries, outbound);
    if (inbound) return { flightType: 'round_trip', outbound, inbound };
  }
  return { flightType: 'one_way', outbound: { itinerary: faker.helpers.arrayElement(itineraries.direct), dateIndex: firstDateIndex } };
}

function planReturn(faker: Faker, itineraries: ItineraryIndex, outbound: DatedItinerary): DatedItinerary | undefined {
  const ways = itineraries.between(outbound.itinerary.destination, outbound.itinerary.origin);
  const nonstops = ways.filter((way) => way.legs.length === 1);
  const preferred = preferNonstop(faker) ? nonstops : ways.filter((way) => way.legs.length > 1);
  const choices = preferred.length > 0 ? preferred : ways;
  if (choices.length === 0) return undefined;
  const itinerary = faker.helpers.arrayElement(choices);
  const earliest = outbound.dateIndex + itinerarySpanDays(outbound.itinerary) + 1;
  const latest = Math.min(earliest + LONGEST_STAY_DAYS - 1, LAST_DATE_INDEX - (itinerary.legs[itinerary.legs.length - 1]?.dayOffset ?? 0));
  if (earliest > latest) return undefined;
  return { itinerary, dateIndex: faker.number.int({ min: earliest, max: latest }) };
}

const preferNonstop = (faker: Faker) => faker.datatype.boolean({ probability: NONSTOP_RATE });
