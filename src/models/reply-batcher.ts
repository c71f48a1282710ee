/** Starts a timer that calls `flush` after `ms`; returns what cancels it. */
export type ScheduleFlush = (flush: () => void, ms: number) => () => void;

const timerFlush: ScheduleFlush = (flush, ms) => {
  const timer = setTimeout(flush, ms);
  return () => clearTimeout(timer);
};

export interface ReplyBatcher {
  /** A request went out. */
  begin(): void;
  /**
   * Its reply is in, whole, `elapsedMs` after the request went out: `deliver` runs now when no other request
   * is out, else with the batch.
   */
  complete(deliver: () => void, elapsedMs: number): void;
  /** It ended without a reply (a failure, a timeout, an abort): nothing to hold, it no longer counts. */
  abandon(): void;
}

export interface ReplyBatcherOptions {
  /** The longest a reply waits for its batch; 0 hands every reply over at once. */
  windowMs: number;
  /** A reply waits at most this share of its own call's time (default 0.05): a fast model's calls are held less. */
  holdShare?: number;
  /** A batch this big is handed over at once (default 8): where replies come thick, waiting adds latency and saves nothing. */
  maxBatch?: number;
  /** The batch's timer (a real one by default). */
  schedule?: ScheduleFlush;
  /** Milliseconds on a monotonic clock (`performance.now` by default). */
  now?: () => number;
}

/**
 * Hands replies over in batches while other requests are out. A reply waits for the replies after it at
 * most `windowMs`, and at most `holdShare` of its own call's time (so a call is never more than 5 % slower
 * for it); the batch is handed over when its first deadline comes, when no request is left out (a lone
 * call, or the last of a burst, is never held) or when it holds `maxBatch` replies. Each batch then runs
 * in one wake-up of the event loop: the rollouts it resumes run back to back on warm caches and their next
 * requests leave together, where one reply per wake-up pays the wake-up, and the cold caches after it,
 * every time.
 */
export function createReplyBatcher({ windowMs, holdShare = 0.05, maxBatch = 8, schedule = timerFlush, now = () => performance.now() }: ReplyBatcherOptions): ReplyBatcher {
  let outstanding = 0;
  let held: Array<() => void> = [];
  let cancel: (() => void) | undefined;
  /** When the batch is due: the earliest deadline of the replies it holds. */
  let dueAt = Infinity;
  const flush = () => {
    cancel?.();
    cancel = undefined;
    dueAt = Infinity;
    const batch = held;
    held = [];
    for (const deliver of batch) deliver();
  };
  return {
    begin: () => {
      outstanding += 1;
    },
    complete: (deliver, elapsedMs) => {
      outstanding -= 1;
      held.push(deliver);
      const wait = Math.min(windowMs, elapsedMs * holdShare);
      // Timers count whole milliseconds: a reply that may wait less than one is not held.
      if (outstanding === 0 || held.length >= maxBatch || wait < 1) return flush();
      const due = now() + wait;
      if (due >= dueAt) return;
      cancel?.();
      dueAt = due;
      cancel = schedule(flush, wait);
    },
    abandon: () => {
      outstanding -= 1;
      if (outstanding === 0 && held.length > 0) flush();
    },
  };
}
