import type { RunEvent } from '../../batch/batch-events.ts';
import { navigateLiveView, type LiveNavigation } from './live-navigation.ts';
import { createLiveView, reduceLiveViewEvents, type LiveViewLimits, type LiveViewState } from './live-view-model.ts';

/** Runs a callback later; returns a function that cancels it. Injected so tests control time. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

export const timerScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

/** How often, at most, a burst of events becomes a new snapshot (and so a redraw). */
export const REDRAW_INTERVAL_MS = 100;

/** Queued events are folded in (without a redraw) once this many wait, so a fast reader cannot pile up memory. */
const FOLD_EVENTS_AT = 2000;

export interface LiveViewStoreOptions {
  limits?: Partial<LiveViewLimits>;
  scheduler?: Scheduler;
  intervalMs?: number;
}

/**
 * Holds the live view's snapshot. Events are queued and folded in at most once per interval, so
 * thousands of events a second cost one snapshot (one render) per interval; keys apply at once.
 * Fits React's `useSyncExternalStore`.
 */
export class LiveViewStore {
  /** The published snapshot. */
  #state: LiveViewState;
  /** The snapshot with every folded event; published at the next flush. */
  #latest: LiveViewState;
  #pending: RunEvent[] = [];
  #cancelFlush: (() => void) | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #scheduler: Scheduler;
  readonly #intervalMs: number;
  /** How many snapshots were published: what the throttle bounds. */
  snapshots = 0;

  constructor(options: LiveViewStoreOptions = {}) {
    this.#state = createLiveView(options.limits);
    this.#latest = this.#state;
    this.#scheduler = options.scheduler ?? timerScheduler;
    this.#intervalMs = options.intervalMs ?? REDRAW_INTERVAL_MS;
  }

  readonly getSnapshot = (): LiveViewState => this.#state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Queues an event; the snapshot catches up at the next interval. */
  readonly push = (event: RunEvent): void => {
    this.#pending.push(event);
    if (this.#pending.length >= FOLD_EVENTS_AT) this.#fold();
    this.#cancelFlush ??= this.#scheduler(() => {
      this.#cancelFlush = undefined;
      this.flush();
    }, this.#intervalMs);
  };

  /** Folds the queued events in now and publishes the snapshot. */
  flush(): void {
    this.#cancelTimer();
    this.#fold();
    this.#publish(this.#latest);
  }

  /** Applies a key's navigation at once (with the queued events first, so the selection sees them). */
  navigate(navigation: LiveNavigation): void {
    this.#cancelTimer();
    this.#fold();
    this.#latest = navigateLiveView(this.#latest, navigation);
    this.#publish(this.#latest);
  }

  /** Marks the run as over (the view then offers to keep browsing), with the queued events folded in. */
  markRunOver(): void {
    this.#cancelTimer();
    this.#fold();
    this.#latest = { ...this.#latest, runOver: true };
    this.#publish(this.#latest);
  }

  /** Stops the pending flush; queued events are dropped. */
  dispose(): void {
    this.#cancelTimer();
    this.#pending = [];
  }

  #cancelTimer(): void {
    this.#cancelFlush?.();
    this.#cancelFlush = undefined;
  }

  #fold(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#latest = reduceLiveViewEvents(this.#latest, events);
  }

  #publish(next: LiveViewState): void {
    if (next === this.#state) return;
    this.#state = next;
    this.snapshots++;
    for (const listener of this.#listeners) listener();
  }
}
