/** The window every per-minute limit is kept over. */
export const MINUTE_MS = 60_000;

/** One amount charged against a budget, correctable once the real figure is known. */
export interface WindowCharge {
  /** Replaces the charged amount (an estimate) with the real one; nothing to do once it left the window. */
  correct(actual: number): void;
}

interface Entry {
  at: number;
  amount: number;
  live: boolean;
}

/**
 * A budget of `limit` units per sliding window: whatever is charged at time t counts against every window
 * of `windowMs` that holds t, until t + windowMs. So no window of that length, wherever it starts, ever
 * holds more than `limit` (unlike a token bucket, which starts full and refills, and so lets nearly twice
 * its rate through in the first window). An amount larger than the whole limit goes once the window is
 * empty instead of waiting forever. Times are the caller's clock readings, in milliseconds.
 */
export class SlidingWindowBudget {
  readonly #entries: Entry[] = [];
  #head = 0;
  #total = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = MINUTE_MS,
  ) {
    if (!(limit > 0)) throw new RangeError(`a limit must be positive, got ${limit}`);
  }

  /** What the window ending at `now` holds. */
  used(now: number): number {
    this.#expire(now);
    return this.#total;
  }

  /** Milliseconds until `amount` fits in the window (until the window is empty when it exceeds the limit); 0 if now. */
  waitFor(amount: number, now: number): number {
    this.#expire(now);
    let excess = this.#total + Math.min(Math.max(0, amount), this.limit) - this.limit;
    if (excess <= 0) return 0;
    for (let index = this.#head; index < this.#entries.length; index++) {
      const entry = this.#entries[index] as Entry;
      excess -= entry.amount;
      if (excess <= 0) return entry.at + this.windowMs - now;
    }
    return this.windowMs;
  }

  /** Counts `amount` at `now` (charges must come in time order). */
  charge(amount: number, now: number): WindowCharge {
    this.#expire(now);
    const entry: Entry = { at: now, amount: Math.max(0, amount), live: true };
    this.#entries.push(entry);
    this.#total += entry.amount;
    return {
      correct: (actual) => {
        if (!entry.live) return;
        const corrected = Math.max(0, actual);
        this.#total += corrected - entry.amount;
        entry.amount = corrected;
      },
    };
  }

  /** What the window ending at `now` holds, oldest first: `[at, amount]` per charge. */
  charges(now: number): [number, number][] {
    this.#expire(now);
    return this.#entries.slice(this.#head).map((entry) => [entry.at, entry.amount]);
  }

  #expire(now: number): void {
    while (this.#head < this.#entries.length) {
      const oldest = this.#entries[this.#head] as Entry;
      if (oldest.at + this.windowMs > now) break;
      oldest.live = false;
      this.#total -= oldest.amount;
      this.#head += 1;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
