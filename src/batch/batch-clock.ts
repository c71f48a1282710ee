/**
 * Time for the batch engine, injected: the rate limiter reads and waits through it, so tests drive it
 * with a fake clock and never wait on the wall clock. The CLI passes the real one.
 */
export interface BatchClock {
  /** Milliseconds since a fixed origin (the Unix epoch for the real clock). */
  now(): number;
  /** Resolves after `ms` milliseconds (at once when `ms <= 0`); rejects with the signal's reason on abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The clock as the rollouts want it: a `Date` per reading. */
export const dateClock = (clock: BatchClock) => () => new Date(clock.now());

let lastReading = Number.NaN;
let lastText = '';

/** The clock's reading as an ISO 8601 text (events carry one each; readings within a millisecond share it). */
export function isoTime(clock: BatchClock): string {
  const reading = clock.now();
  if (reading !== lastReading) {
    lastReading = reading;
    lastText = new Date(reading).toISOString();
  }
  return lastText;
}
