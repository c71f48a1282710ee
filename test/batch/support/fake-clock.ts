import type { BatchClock } from '../../../src/batch/batch-clock.ts';

interface Timer {
  at: number;
  order: number;
  resolve: () => void;
}

/**
 * A BatchClock for tests: time moves only when the test says so. `sleep` parks a timer; `run` lets
 * pending promises settle, then jumps to the next timer and fires it, until none is left (or a limit).
 */
export class FakeClock implements BatchClock {
  #now: number;
  #order = 0;
  #timers: Timer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.#now + ms, order: this.#order++, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((other) => other !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Lets every pending promise chain run (several macrotask turns). */
  async settle(): Promise<void> {
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Fires timers in time order until none is due by `until` (all of them by default), settling in between. */
  async run(until = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      await this.settle();
      this.#timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    if (Number.isFinite(until)) this.#now = Math.max(this.#now, until);
    await this.settle();
  }
}
