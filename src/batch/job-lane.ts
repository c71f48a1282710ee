import { fromCallback } from 'xstate';
import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import { isoTime, type BatchClock } from './batch-clock.ts';
import type { BatchEventListener } from './batch-events.ts';
import type { JobRunner } from './job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';

/** How a job ended for the pipeline: its trajectory recorded, cancelled (not recorded), or a harness failure. */
export type JobOutcome = { kind: 'recorded'; trajectory: Trajectory } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

/** What a lane tells the pipeline when a job it ran is over. */
export interface JobSettledEvent {
  type: 'JOB_SETTLED';
  lane: string;
  jobId: string;
  outcome: JobOutcome;
}

/** What the pipeline tells a lane: run this job. */
export interface RunJobEvent {
  type: 'RUN';
  job: RolloutJob;
}

export interface JobLaneInput {
  lane: string;
  runner: JobRunner;
  /** Stores the trajectory; the job is recorded only once this resolves. */
  record: (trajectory: Trajectory, job: RolloutJob) => Promise<void>;
  emit: BatchEventListener;
  clock: BatchClock;
  /** Cancels the running job (its rollout ends as aborted and is not recorded). */
  signal: AbortSignal;
}

/**
 * One slot of the job runner, as an actor of the pipeline: it runs the jobs it is sent one at a time —
 * each job a rollout actor of its own on the runner — records each trajectory, and reports back. The
 * pipeline keeps one lane per slot rather than one child per job: XState copies a machine's children on
 * every spawn and stop, which cost ~4x the harness time per job at high concurrency (see bench/).
 */
export const jobLane = fromCallback<RunJobEvent, JobLaneInput>(({ input, sendBack, receive }) => {
  receive(({ job }) => {
    const { signal } = input;
    const settle = (outcome: JobOutcome) => sendBack({ type: 'JOB_SETTLED', lane: input.lane, jobId: job.id, outcome } satisfies JobSettledEvent);
    const onEvent = (event: RolloutEvent) => input.emit({ type: 'rollout', jobId: job.id, event, at: isoTime(input.clock) });
    input.runner
      .run(job, { signal, onEvent })
      .then(async (trajectory) => {
        // A rollout cut short by a cancel is not this job's result: a resumed run does it again.
        if (signal.aborted) return settle({ kind: 'cancelled' });
        await input.record(trajectory, job);
        settle({ kind: 'recorded', trajectory });
      })
      .catch((error: unknown) => settle(signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', error }));
  });
});
