import { fromCallback } from 'xstate';
import { FailedJobError } from '../rollout/failed-job.ts';
import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { FailedJobRecord } from '../store/failed-job-log.ts';
import { isoTime, type BatchClock } from './batch-clock.ts';
import type { BatchEventListener } from './batch-events.ts';
import { failedJobRecord } from './failed-job-record.ts';
import type { JobRunner } from './job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';

/**
 * How a job ended for the pipeline: its trajectory recorded; a failed job recorded (an outage, an endpoint
 * rejection, a cancel mid-rollout: never graded); cancelled before it started (nothing recorded); or a
 * harness failure.
 */
export type JobOutcome = { kind: 'recorded'; trajectory: Trajectory } | { kind: 'failed-job'; record: FailedJobRecord } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

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
  /** Stores a failed job (failed-jobs.jsonl). */
  recordFailedJob: (record: FailedJobRecord, job: RolloutJob) => Promise<void>;
  emit: BatchEventListener;
  clock: BatchClock;
  /** Cancels the running job (its rollout ends as aborted: a failed job, run again by a resume). */
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
    const run = async (): Promise<JobOutcome> => {
      let trajectory: Trajectory;
      try {
        trajectory = await input.runner.run(job, { signal, onEvent });
      } catch (error) {
        if (!(error instanceof FailedJobError)) return signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', error };
        // Cut short by the world (or a cancel): a failed job, recorded as such and run again by a resume.
        const record = failedJobRecord(job, error, isoTime(input.clock));
        await input.recordFailedJob(record, job);
        return { kind: 'failed-job', record };
      }
      // A rollout that returned a trajectory ran its course (a cancel would have made it a failed job).
      await input.record(trajectory, job);
      return { kind: 'recorded', trajectory };
    };
    run().then(settle, (error: unknown) => settle({ kind: 'failed', error }));
  });
});
