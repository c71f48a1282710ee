import type { BatchProgress } from '../../batch/batch-events.ts';
import type { LiveViewState } from './live-view-model.ts';

/** The figures of the header, derived from a snapshot. */
export interface HeaderFigures extends BatchProgress {
  phase: LiveViewState['phase'];
  skipped: number;
  /** Rollouts finished per minute in this run; undefined before the first one. */
  perMinute: number | undefined;
  /** Time left at the current pace; undefined when unknown. */
  etaMs: number | undefined;
  blueprints: LiveViewState['blueprints'];
  /**
   * Nothing is left to run: the run said so (`phase: done`), or, for a log that never announces its phases (a
   * trajectory log: demo, rollout, regrade), every rollout it holds is finished and none is running.
   */
  finished: boolean;
}

/**
 * The engine's `progress` events are authoritative (they know the total, the cost, the jobs skipped on
 * resume), but the finished rollouts counted from the events themselves may be ahead of the latest one.
 */
export function headerFigures(state: LiveViewState): HeaderFigures {
  const reported = state.reported;
  const counted = state.counted;
  // Distinct job ids, not events: a resumed run's log starts a job in each session but finishes it once.
  const done = Math.max(reported?.done ?? 0, state.doneIds.size);
  const total = Math.max(reported?.total ?? 0, state.jobIds.size, done + state.live.size);
  const spanMs = state.firstAt !== undefined && state.lastAt !== undefined ? state.lastAt - state.firstAt : 0;
  const elapsedMs = Math.max(reported?.elapsedMs ?? 0, spanMs);
  const perMinute = counted.done > 0 && elapsedMs > 0 ? (counted.done * 60_000) / elapsedMs : undefined;
  const etaMs = perMinute !== undefined && total >= done ? ((total - done) / perMinute) * 60_000 : undefined;
  const finished = state.phase === 'done' || (state.phase === undefined && state.live.size === 0 && done > 0 && done >= total);
  return {
    phase: state.phase,
    total,
    done,
    kept: Math.max(reported?.kept ?? 0, counted.kept),
    rejected: Math.max(reported?.rejected ?? 0, counted.rejected),
    errors: Math.max(reported?.errors ?? 0, counted.errors),
    running: state.live.size,
    skipped: state.skipped,
    tokens: Math.max(reported?.tokens ?? 0, counted.tokens),
    cost: reported?.cost ?? 0,
    elapsedMs,
    perMinute,
    etaMs: finished ? 0 : etaMs,
    blueprints: state.blueprints,
    finished,
  };
}
