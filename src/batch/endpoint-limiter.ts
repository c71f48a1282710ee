import type { BatchClock } from './batch-clock.ts';
import { MINUTE_MS, SlidingWindowBudget, type WindowCharge } from './sliding-window-budget.ts';

/** The limits of one model endpoint (base URL + model). Each is off when absent. */
export interface EndpointLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/**
 * What an endpoint was sent in the last minute, by endpoint key: the time of each request, and the tokens
 * charged for it (`[at, tokens]`). A run stores it when a session ends so that the next session (a resume)
 * starts with the same windows: a resume right after a stop cannot send a second minute's worth at once.
 */
export type RecentEndpointUse = Record<string, { requests: number[]; tokens: [number, number][] }>;

/** The right to send one request; settle it exactly once when the request is over. */
export interface LimiterPermit {
  readonly estimatedTokens: number;
  /** Releases the concurrency slot and corrects the token estimate with the tokens the server reported (if it did). */
  settle(actualTokens: number | undefined): void;
}

/**
 * What a rate-limited model needs of its endpoint's limiter: a permit per request, and a pause after a
 * 429. `EndpointLimiter` keeps the windows in this process; the queue's Redis limiter keeps them in Redis,
 * shared by every worker of a run.
 */
export interface EndpointPacer {
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<LimiterPermit>;
  pauseFor(ms: number): void;
}

/** The pacer of each endpoint (base URL + model), shared by every role and job that calls it. */
export interface EndpointPacers {
  for(baseURL: string, model: string): EndpointPacer;
}

/** What a limiter did, for reports and tests. */
export interface LimiterStats {
  requests: number;
  /** Requests that had to wait for a slot, the request or token budget, or a pause. */
  delayed: number;
  /** Pauses after a rate-limit answer (429). */
  pauses: number;
}

interface Waiter {
  tokens: number;
  resolve: (permit: LimiterPermit) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  delayed: boolean;
}

/** The key limits are kept by: one endpoint is one model at one base URL, whatever role uses it. */
export const endpointKey = (baseURL: string, model: string) => `${model}@${baseURL.replace(/\/+$/, '')}`;

/**
 * Paces the requests to one endpoint: a request waits, first come first served, until a concurrency
 * slot is free, the requests-per-minute and tokens-per-minute budgets have room, and no pause (after a
 * 429) is in force. Both budgets are sliding 60 s windows: no 60 s window, wherever it starts — the start
 * of a run, the minute after a 429's pause, a resumed run — ever holds more than `requestsPerMinute`
 * requests (retries included: each attempt takes a permit). Tokens are charged up front from an estimate
 * and corrected when the request settles. Every wait goes through the injected clock.
 */
export class EndpointLimiter implements EndpointPacer {
  readonly stats: LimiterStats = { requests: 0, delayed: 0, pauses: 0 };
  readonly #requests: SlidingWindowBudget | undefined;
  readonly #tokens: SlidingWindowBudget | undefined;
  readonly #concurrency: number;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #pumping = false;
  #slotFreed: (() => void) | undefined;

  constructor(
    readonly endpoint: string,
    readonly limits: EndpointLimits,
    private readonly clock: BatchClock,
    /** What an earlier session sent this endpoint in its last minute: counted in the windows from the start. */
    recent?: RecentEndpointUse[string],
  ) {
    this.#requests = limits.requestsPerMinute ? new SlidingWindowBudget(limits.requestsPerMinute) : undefined;
    this.#tokens = limits.tokensPerMinute ? new SlidingWindowBudget(limits.tokensPerMinute) : undefined;
    const now = clock.now();
    // A reading later than now (a clock set back between sessions) counts as now: never less than was sent.
    for (const at of [...(recent?.requests ?? [])].sort((a, b) => a - b)) this.#requests?.charge(1, Math.min(at, now));
    for (const [at, tokens] of [...(recent?.tokens ?? [])].sort((a, b) => a[0] - b[0])) this.#tokens?.charge(tokens, Math.min(at, now));
    this.#concurrency = limits.concurrency && limits.concurrency > 0 ? limits.concurrency : Number.POSITIVE_INFINITY;
  }

  /** Requests in flight right now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests waiting for their turn. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Waits for the right to send a request of about `estimatedTokens`; rejects with the signal's reason on abort. */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<LimiterPermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const tokens = Math.max(0, estimatedTokens);
    // Nobody waiting and room now (the common case without limits): granted at once, with no queue round.
    if (this.#queue.length === 0 && this.#inFlight < this.#concurrency) {
      const now = this.clock.now();
      if (this.#waitAt(tokens, now) <= 0) return Promise.resolve(this.#grant(tokens, now, false));
    }
    return new Promise<LimiterPermit>((resolve, reject) => {
      const waiter: Waiter = {
        tokens,
        resolve,
        reject,
        signal,
        delayed: false,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      void this.#pump();
    });
  }

  /** What this endpoint was sent in the minute up to now (see RecentEndpointUse). */
  recentUse(): RecentEndpointUse[string] {
    const now = this.clock.now();
    return { requests: (this.#requests?.charges(now) ?? []).map(([at]) => at), tokens: this.#tokens?.charges(now) ?? [] };
  }

  /** Holds every request to this endpoint back for `ms` from now (a 429's retry hint); pauses only ever extend. */
  pauseFor(ms: number): void {
    this.stats.pauses += 1;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.clock.now() + Math.max(0, ms));
  }

  /** Hands out permits in arrival order; one pump runs at a time and sleeps through the clock. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const head = this.#queue[0] as Waiter;
        if (this.#inFlight >= this.#concurrency) {
          head.delayed = true;
          await new Promise<void>((resolve) => (this.#slotFreed = resolve));
          continue;
        }
        const now = this.clock.now();
        const wait = this.#waitAt(head.tokens, now);
        if (wait > 0) {
          head.delayed = true;
          await this.clock.sleep(wait);
          continue;
        }
        this.#queue.shift();
        head.signal?.removeEventListener('abort', head.onAbort);
        head.resolve(this.#grant(head.tokens, now, head.delayed));
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** How long a request of `tokens` must still wait at `now` (a pause, the request or the token budget); 0 or less: none. */
  #waitAt(tokens: number, now: number): number {
    return Math.max(this.#pausedUntil - now, this.#requests?.waitFor(1, now) ?? 0, this.#tokens?.waitFor(tokens, now) ?? 0);
  }

  /** Charges a request sent at `now` to the budgets and counts it in flight: its permit. */
  #grant(tokens: number, now: number, delayed: boolean): LimiterPermit {
    this.#requests?.charge(1, now);
    const tokenCharge = this.#tokens?.charge(tokens, now);
    this.#inFlight += 1;
    this.stats.requests += 1;
    if (delayed) this.stats.delayed += 1;
    return this.#permit(tokens, tokenCharge);
  }

  #permit(estimatedTokens: number, tokenCharge: WindowCharge | undefined): LimiterPermit {
    return settledOnce(estimatedTokens, (actualTokens) => {
      this.#inFlight -= 1;
      if (actualTokens !== undefined) tokenCharge?.correct(actualTokens);
      const wake = this.#slotFreed;
      this.#slotFreed = undefined;
      wake?.();
    });
  }
}

/** A permit whose `settle` runs once, however often it is called (a retry path may settle twice). */
export function settledOnce(estimatedTokens: number, settle: (actualTokens: number | undefined) => void): LimiterPermit {
  let settled = false;
  return {
    estimatedTokens,
    settle: (actualTokens) => {
      if (settled) return;
      settled = true;
      settle(actualTokens);
    },
  };
}

/** One limiter per endpoint, shared by every role and job that calls it. */
export class EndpointLimiters implements EndpointPacers {
  readonly #limiters = new Map<string, EndpointLimiter>();

  constructor(
    private readonly limits: EndpointLimits,
    private readonly clock: BatchClock,
    /** What an earlier session of the run sent each endpoint in its last minute (a resume). */
    private readonly recent: RecentEndpointUse = {},
  ) {}

  for(baseURL: string, model: string): EndpointLimiter {
    const key = endpointKey(baseURL, model);
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new EndpointLimiter(key, this.limits, this.clock, this.recent[key]);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  all(): EndpointLimiter[] {
    return [...this.#limiters.values()];
  }

  /** What every endpoint was sent in the last minute, for the next session; endpoints not called now keep what they had. */
  recentUse(): RecentEndpointUse {
    const now = this.clock.now();
    const use: RecentEndpointUse = {};
    for (const [key, recent] of Object.entries(this.recent)) {
      const requests = recent.requests.filter((at) => at > now - MINUTE_MS);
      const tokens = recent.tokens.filter(([at]) => at > now - MINUTE_MS);
      if (requests.length > 0 || tokens.length > 0) use[key] = { requests, tokens };
    }
    for (const limiter of this.#limiters.values()) {
      const recent = limiter.recentUse();
      if (recent.requests.length > 0 || recent.tokens.length > 0) use[limiter.endpoint] = recent;
      else delete use[limiter.endpoint];
    }
    return use;
  }
}
