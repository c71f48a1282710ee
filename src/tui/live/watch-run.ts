import type { RunEvent } from '../../batch/batch-events.ts';
import type { TrajectoryDiagnoser } from '../../rollout/diagnostics/index.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { createLiveView, reduceLiveViewEvents, type LiveViewLimits, type LiveViewState } from './live-view-model.ts';
import type { Scheduler } from './live-view-store.ts';
import { renderLiveRun, type LiveRun } from './render-live-run.tsx';
import { followRunEvents, type FollowStats, type RunEventSource } from './run-event-follower.ts';

/** Reads a run's log once, as it is now, into a view snapshot (for a plain summary). */
export async function readRunView(source: RunEventSource, limits: Partial<LiveViewLimits> = {}): Promise<{ state: LiveViewState; stats: FollowStats }> {
  let state = createLiveView(limits);
  let batch: RunEvent[] = [];
  const follower = followRunEvents(
    source,
    (event) => {
      batch.push(event);
      if (batch.length >= 1000) {
        state = reduceLiveViewEvents(state, batch);
        batch = [];
      }
    },
    { follow: false },
  );
  await follower.caughtUp;
  state = reduceLiveViewEvents(state, batch);
  return { state, stats: follower.stats };
}

export interface WatchRunLiveOptions {
  source: RunEventSource;
  title: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  limits?: Partial<LiveViewLimits>;
  scheduler?: Scheduler;
  /** Minimum time between redraws. */
  intervalMs?: number;
  /** How often the log is checked for new lines. */
  pollMs?: number;
  /** Diagnoses rejected rollouts in the detail pane. */
  diagnose?: TrajectoryDiagnoser;
  /** Reads a finished rollout's trajectory by id when the events only reference it. */
  storedTrajectory?: (trajectoryId: string) => Trajectory | undefined;
}

export interface WatchedRun extends LiveRun {
  /** Settles when reading stopped for good: the person quit, or the log could not be read. */
  readonly failure: Promise<Error | undefined>;
}

/**
 * The live view attached to a run folder another process may still be writing: follows its log until
 * the person quits (or the run is done and they have browsed it). Read-only.
 */
export function watchRunLive(options: WatchRunLiveOptions): WatchedRun {
  let failed: Error | undefined;
  const live: LiveRun = renderLiveRun({
    title: options.title,
    ...(options.stdout ? { stdout: options.stdout } : {}),
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.diagnose ? { diagnose: options.diagnose } : {}),
    ...(options.storedTrajectory ? { storedTrajectory: options.storedTrajectory } : {}),
    subscribe: (listener) => {
      const follower = followRunEvents(options.source, listener, {
        follow: true,
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
        onError: (error) => {
          failed = error;
          void live.close();
        },
      });
      follower.caughtUp.catch(() => undefined);
      return () => follower.stop();
    },
  });
  return { ended: live.ended, store: live.store, close: () => live.close(), finish: () => live.finish(), failure: live.ended.then(() => failed) };
}
