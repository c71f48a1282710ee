/**
 * The airline's calendar. Instants are counted in minutes (or seconds) from 2024-05-01T00:00:00 EST and
 * written as `YYYY-MM-DDTHH:MM:SS`, the way the records store them. "Today" is the policy's clock.
 */
export const FLIGHT_DATE_COUNT = 30;

export const FLIGHT_DATES: readonly string[] = Array.from({ length: FLIGHT_DATE_COUNT }, (_, index) => `2024-05-${String(index + 1).padStart(2, '0')}`);

/** Index of today (2024-05-15) in FLIGHT_DATES. */
export const TODAY_INDEX = 14;

export const MINUTES_PER_DAY = 24 * 60;
export const SECONDS_PER_DAY = MINUTES_PER_DAY * 60;

/** 2024-05-15T15:00:00 in minutes from the calendar's start. */
export const TODAY_MINUTE = TODAY_INDEX * MINUTES_PER_DAY + 15 * 60;

export const TODAY = '2024-05-15T15:00:00';

const CALENDAR_START = Date.UTC(2024, 4, 1);

/** Writes seconds from the calendar's start (negative ones fall in April) as a record timestamp. */
export function formatSecond(second: number): string {
  return new Date(CALENDAR_START + second * 1000).toISOString().slice(0, 19);
}

export const formatMinute = (minute: number) => formatSecond(minute * 60);

/** A scheduled clock time, `HH:MM:SS`, with `+1` when it falls on the next day (minutes may pass 24:00). */
export function formatClock(minuteOfDay: number): string {
  const nextDay = minuteOfDay >= MINUTES_PER_DAY;
  const minute = minuteOfDay % MINUTES_PER_DAY;
  const clock = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
  return nextDay ? `${clock}+1` : clock;
}
