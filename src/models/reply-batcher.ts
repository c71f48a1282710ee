/** Starts a timer that calls `flush` after `ms`; returns what cancels it. */
export type ScheduleFlush = (flush: () => void, ms: number) => () => void;

const timerFlush: ScheduleFlush = (flush, ms) => {
  const timer = setTimeout(flush, ms);
  return () => clearTimeout(timer);
};

export interface ReplyBatcher {
  /** A request went out. */
  begin(): void;
  /** Its reply is in, whole: `deliver` runs now when no other request is out, else with the batch. */
  complete(deliver: () => void): void;
  /** It ended without a reply (a failure, a timeout, an abort): nothing to hold, it no longer counts. */
  abandon(): void;
}

export interface ReplyBatcherOptions {
  /** How long the first reply of a batch waits at most for the others; 0 hands every reply over at once. */
  windowMs: number;
  /** A batch this big is handed over at once (default 8): where replies come thick, waiting adds latency and saves nothing. */
  maxBatch?: number;
  /** The batch's timer (a real one by default). */
  schedule?: ScheduleFlush;
}

/**
 * Hands replies over in batches while other requests are out. The first reply of a batch waits at most
 * `windowMs` for the replies after it; a batch is handed over at once when no request is left out (a lone
 * call, or the last of a burst, is never held) or when it holds `maxBatch` replies. Each batch then runs
 * in one wake-up of the event loop: the rollouts it resumes run back to back on warm caches and their next
 * requests leave together, where one reply per wake-up pays the wake-up, and the cold caches after it,
 * every time.
 */
export function createReplyBatcher({ windowMs, maxBatch = 8, schedule = timerFlush }: ReplyBatcherOptions): ReplyBatcher {
  let outstanding = 0;
  let held: Array<() => void> = [];
  let cancel: (() => void) | undefined;
  const flush = () => {
    cancel?.();
    cancel = undefined;
    const batch = held;
    held = [];
    for (const deliver of batch) deliver();
  };
  return {
    begin: () => {
      outstanding += 1;
    },
    complete: (deliver) => {
      outstanding -= 1;
      held.push(deliver);
      if (outstanding === 0 || windowMs <= 0 || held.length >= maxBatch) flush();
      else cancel ??= schedule(flush, windowMs);
    },
    abandon: () => {
      outstanding -= 1;
      if (outstanding === 0 && held.length > 0) flush();
    },
  };
}
