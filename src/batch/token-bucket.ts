/**
 * A token bucket refilled continuously at `perMinute / 60 000` tokens per millisecond, holding at most
 * `capacity`. Taking more than it holds drives it below zero (a debt the refill pays back), so a request
 * larger than the whole bucket still goes once the bucket is full instead of waiting forever.
 */
export class TokenBucket {
  #level: number;
  #updatedAt: number;
  readonly capacity: number;
  readonly #perMillisecond: number;

  constructor(perMinute: number, now: number, capacity = perMinute) {
    if (!(perMinute > 0)) throw new RangeError(`a rate must be positive, got ${perMinute} per minute`);
    this.capacity = Math.max(1, capacity);
    this.#perMillisecond = perMinute / 60_000;
    this.#level = this.capacity;
    this.#updatedAt = now;
  }

  /** What the bucket holds at `now` (negative while it is in debt). */
  level(now: number): number {
    if (now > this.#updatedAt) {
      this.#level = Math.min(this.capacity, this.#level + (now - this.#updatedAt) * this.#perMillisecond);
      this.#updatedAt = now;
    }
    return this.#level;
  }

  /** Milliseconds until `amount` may be taken (until the bucket is full when `amount` exceeds it); 0 if now. */
  waitFor(amount: number, now: number): number {
    const needed = Math.min(amount, this.capacity);
    const missing = needed - this.level(now);
    return missing <= 0 ? 0 : Math.ceil(missing / this.#perMillisecond);
  }

  take(amount: number, now: number): void {
    this.level(now);
    this.#level -= amount;
  }

  /** Puts `amount` back (a negative amount takes more): how an estimate is corrected once the real figure is known. */
  give(amount: number, now: number): void {
    this.level(now);
    this.#level = Math.min(this.capacity, this.#level + amount);
  }
}
