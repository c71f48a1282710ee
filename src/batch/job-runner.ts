import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { RolloutJob } from './rollout-job.ts';

/** What a running job may use: its cancellation and a way to report what happens in it. */
export interface JobContext {
  signal: AbortSignal;
  onEvent: (event: RolloutEvent) => void;
}

/** Turns one job into its trajectory: the work itself, wherever it runs. */
export type JobExecutor = (job: RolloutJob, context: JobContext) => Promise<Trajectory>;

/**
 * Where jobs run. The pipeline hands a runner at most `capacity` jobs at a time and records each
 * trajectory it gets back. The shipped runner is in-process (p-queue); one backed by a shared queue
 * (BullMQ and workers on other machines, each running the same JobExecutor) fits the same shape: jobs are
 * plain data with deterministic ids and seeds, and trajectories are plain JSON.
 */
export interface JobRunner {
  /** How many jobs it runs at once. */
  readonly capacity: number;
  /**
   * Runs a job. A rollout that goes wrong by the agent's doing still yields a trajectory; one cut short by the
   * world (outage, endpoint rejection, cancel) rejects with `FailedJobError`; anything else is a harness failure.
   */
  run(job: RolloutJob, context: JobContext): Promise<Trajectory>;
  /** Waits for the jobs it holds and lets go of its resources. */
  close(): Promise<void>;
}
