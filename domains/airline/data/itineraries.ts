import { MINUTES_PER_DAY } from './calendar.ts';
import type { ScheduledFlight } from './generate-flights.ts';

/** One flight of an itinerary, flown `dayOffset` days after the itinerary's first date. */
export interface ItineraryLeg {
  flight: ScheduledFlight;
  dayOffset: number;
}

/** A way from one airport to another: a nonstop, or two flights through a connecting airport. */
export interface Itinerary {
  origin: string;
  destination: string;
  legs: ItineraryLeg[];
}

/** Shortest and longest layover a generated one-stop itinerary has. */
export const MIN_LAYOVER_MINUTES = 60;
export const MAX_LAYOVER_MINUTES = 360;

/**
 * Minutes between the first flight's arrival and the second's departure, counted from the first
 * flight's departure day, when the two make a connection the way a one-stop search pairs them: the
 * second leaves on the day the first lands, at a later clock time. Undefined when they do not connect.
 */
export function layoverMinutes(first: ScheduledFlight, second: ScheduledFlight): number | undefined {
  if (first.record.destination !== second.record.origin || second.record.destination === first.record.origin) return undefined;
  const secondDayOffset = first.arrivalMinute >= MINUTES_PER_DAY ? 1 : 0;
  const layover = secondDayOffset * MINUTES_PER_DAY + second.departureMinute - first.arrivalMinute;
  return layover >= MIN_LAYOVER_MINUTES && layover <= MAX_LAYOVER_MINUTES ? layover : undefined;
}

/** Every nonstop and one-stop itinerary of the network, also grouped by origin and destination. */
export class ItineraryIndex {
  readonly direct: Itinerary[] = [];
  readonly oneStop: Itinerary[] = [];
  private readonly byCityPair = new Map<string, Itinerary[]>();

  constructor(flights: readonly ScheduledFlight[]) {
    const departuresFrom = new Map<string, ScheduledFlight[]>();
    for (const flight of flights) {
      const list = departuresFrom.get(flight.record.origin) ?? [];
      list.push(flight);
      departuresFrom.set(flight.record.origin, list);
    }
    for (const first of flights) {
      this.add(this.direct, { origin: first.record.origin, destination: first.record.destination, legs: [{ flight: first, dayOffset: 0 }] });
      for (const second of departuresFrom.get(first.record.destination) ?? []) {
        if (layoverMinutes(first, second) === undefined) continue;
        const dayOffset = first.arrivalMinute >= MINUTES_PER_DAY ? 1 : 0;
        this.add(this.oneStop, {
          origin: first.record.origin,
          destination: second.record.destination,
          legs: [
            { flight: first, dayOffset: 0 },
            { flight: second, dayOffset },
          ],
        });
      }
    }
  }

  between(origin: string, destination: string): readonly Itinerary[] {
    return this.byCityPair.get(`${origin}-${destination}`) ?? [];
  }

  private add(list: Itinerary[], itinerary: Itinerary) {
    list.push(itinerary);
    const key = `${itinerary.origin}-${itinerary.destination}`;
    const pairList = this.byCityPair.get(key) ?? [];
    pairList.push(itinerary);
    this.byCityPair.set(key, pairList);
  }
}

/** How many days after its first date an itinerary's last flight lands. */
export function itinerarySpanDays(itinerary: Itinerary): number {
  const last = itinerary.legs[itinerary.legs.length - 1];
  return last ? last.dayOffset + (last.flight.arrivalMinute >= MINUTES_PER_DAY ? 1 : 0) : 0;
}
