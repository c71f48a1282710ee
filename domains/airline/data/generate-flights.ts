import type { Faker } from '@faker-js/faker';
import type { Flight, FlightDate } from '../schema.ts';
import { blockMinutes } from './airports.ts';
import { FLIGHT_DATES, MINUTES_PER_DAY, TODAY_INDEX, TODAY_MINUTE, formatClock, formatMinute } from './calendar.ts';
import { planFlightRoutes } from './route-network.ts';

/** A generated flight: its record plus its schedule in minutes, which itineraries are built from. */
export interface ScheduledFlight {
  record: Flight;
  /** Minutes after midnight of the departure day. */
  departureMinute: number;
  /** Minutes after midnight of the departure day (past 1440 when it lands the next day). */
  arrivalMinute: number;
}

/** Fare bands per cabin: basic economy < economy < business on every date, longer flights cost more. */
export const FARE_BANDS = {
  basic_economy: { min: 50, max: 99 },
  economy: { min: 100, max: 199 },
  business: { min: 200, max: 500 },
} as const;

export const MAX_SEATS_PER_CABIN = 20;

const LONGEST_BLOCK_MINUTES = 360;
const CANCELLATION_RATE = { past: 0.07, today: 0.05, future: 0.02 };
/** Share of flights that leave 45 minutes to 4 hours late. */
const DELAY_RATE = 0.25;

/** Departure hours: few red-eyes, a morning bank and a steady afternoon and evening. */
const DEPARTURE_HOUR_WEIGHTS = Array.from({ length: 24 }, (_, hour) => ({ value: hour, weight: hour < 5 ? 1 : hour < 10 ? 4 : hour < 21 ? 3 : 2 }));

export function generateFlights(faker: Faker, flightCount: number): ScheduledFlight[] {
  const routes = faker.helpers.shuffle(planFlightRoutes(faker, flightCount));
  const departuresByRoute = new Map<string, Set<number>>();
  return routes.map((route, index) => {
    const routeKey = `${route.origin.code}-${route.destination.code}`;
    const taken = departuresByRoute.get(routeKey) ?? new Set<number>();
    departuresByRoute.set(routeKey, taken);
    let departureMinute = pickDepartureMinute(faker);
    for (let attempt = 0; attempt < 10 && taken.has(departureMinute); attempt++) departureMinute = pickDepartureMinute(faker);
    taken.add(departureMinute);
    const duration = blockMinutes(route.origin, route.destination);
    const arrivalMinute = departureMinute + duration;
    const record: Flight = {
      flight_number: `HAT${String(index + 1).padStart(3, '0')}`,
      origin: route.origin.code,
      destination: route.destination.code,
      scheduled_departure_time_est: formatClock(departureMinute),
      scheduled_arrival_time_est: formatClock(arrivalMinute),
      dates: {},
    };
    const lengthShare = Math.min(1, (duration - 60) / (LONGEST_BLOCK_MINUTES - 60));
    FLIGHT_DATES.forEach((date, dateIndex) => {
      record.dates[date] = flightDate(faker, dateIndex, departureMinute, duration, lengthShare);
    });
    return { record, departureMinute, arrivalMinute };
  });
}

function pickDepartureMinute(faker: Faker): number {
  const hour = faker.helpers.weightedArrayElement(DEPARTURE_HOUR_WEIGHTS);
  return hour * 60 + (faker.datatype.boolean({ probability: 0.3 }) ? 30 : 0);
}

/**
 * The status of one flight on one date as seen at today 15:00: before today it landed (or was
 * cancelled); today it may have landed, be flying, or be about to leave on time or delayed; after
 * today it is open for booking with seats and fares (or cancelled in advance).
 */
function flightDate(faker: Faker, dateIndex: number, departureMinute: number, duration: number, lengthShare: number): FlightDate {
  const period = dateIndex < TODAY_INDEX ? 'past' : dateIndex === TODAY_INDEX ? 'today' : 'future';
  if (faker.datatype.boolean({ probability: CANCELLATION_RATE[period] })) return { status: 'cancelled' };
  if (period === 'future') {
    return {
      status: 'available',
      available_seats: {
        basic_economy: faker.number.int({ min: 0, max: MAX_SEATS_PER_CABIN }),
        economy: faker.number.int({ min: 0, max: MAX_SEATS_PER_CABIN }),
        business: faker.number.int({ min: 0, max: MAX_SEATS_PER_CABIN }),
      },
      prices: {
        basic_economy: fare(faker, 'basic_economy', lengthShare),
        economy: fare(faker, 'economy', lengthShare),
        business: fare(faker, 'business', lengthShare),
      },
    };
  }
  const delayed = faker.datatype.boolean({ probability: DELAY_RATE });
  const departureDelay = delayed ? faker.number.int({ min: 45, max: 240 }) : faker.number.int({ min: -20, max: 25 });
  const arrivalDelay = departureDelay + faker.number.int({ min: -20, max: 15 });
  const scheduledDeparture = dateIndex * MINUTES_PER_DAY + departureMinute;
  const departure = scheduledDeparture + departureDelay;
  const arrival = scheduledDeparture + duration + arrivalDelay;
  if (arrival <= TODAY_MINUTE) {
    return { status: 'landed', actual_departure_time_est: formatMinute(departure), actual_arrival_time_est: formatMinute(arrival) };
  }
  if (departure <= TODAY_MINUTE) {
    return { status: 'flying', actual_departure_time_est: formatMinute(departure), estimated_arrival_time_est: formatMinute(arrival) };
  }
  return { status: delayed ? 'delayed' : 'on time', estimated_departure_time_est: formatMinute(departure), estimated_arrival_time_est: formatMinute(arrival) };
}

/** A fare inside the cabin's band, pulled upward by the flight's length. */
export function fare(faker: Faker, cabin: keyof typeof FARE_BANDS, lengthShare: number): number {
  const { min, max } = FARE_BANDS[cabin];
  const share = 0.4 * lengthShare + 0.6 * faker.number.float({ min: 0, max: 1 });
  return Math.min(max, min + Math.floor(share * (max - min + 1)));
}
