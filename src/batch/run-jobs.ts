import { setMaxListeners } from 'node:events';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { GradingOptions } from '../rollout/grading/grading-options.ts';
import { FailedJobError } from '../rollout/failed-job.ts';
import type { ProtocolNoteRole } from '../rollout/protocol-notes.ts';
import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { RolloutLimits } from '../rollout/rollout-machine.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { FailedJobRecord } from '../store/failed-job-log.ts';
import type { BatchStop } from './batch-events.ts';
import { endpointRejectionAbort, failedJobRecord, failedOnItsOwn, stopForFailedJob } from './failed-job-record.ts';
import { createInProcessJobRunner } from './in-process-job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';
import { createRolloutExecutor, type RolloutRoles } from './rollout-job-executor.ts';

export interface RunJobsOptions {
  domain: Domain;
  base: BaseState;
  jobs: readonly RolloutJob[];
  /** The roles of a job (offline policies, or model-backed roles). */
  roles(job: RolloutJob): RolloutRoles;
  concurrency: number;
  clock: () => Date;
  limits?: Partial<RolloutLimits>;
  /** The outputs rule, and which blueprints are unvalidated. */
  grading?: GradingOptions;
  protocolNotes?: ProtocolNoteRole;
  signal?: AbortSignal;
  /** Stop starting jobs once this many failed on their own (outages); no budget when absent. */
  maxFailedJobs?: number;
  onEvent?: (job: RolloutJob, event: RolloutEvent) => void;
  /** Called with each finished trajectory, in completion order (e.g. to append it to the run's log). */
  onTrajectory?: (trajectory: Trajectory, job: RolloutJob) => Promise<void> | void;
  /** Called with each failed job (e.g. to append it to the run's failed-jobs.jsonl). */
  onFailedJob?: (record: FailedJobRecord, job: RolloutJob) => Promise<void> | void;
}

export interface RunJobsResult {
  /** The graded trajectories, in job order. */
  trajectories: Trajectory[];
  /** The jobs that failed for a reason outside the agent, in the order they failed: never graded. */
  failedJobs: FailedJobRecord[];
  /** Why jobs were left unstarted: a cancel, an endpoint rejection, too many failed jobs. */
  stopped?: BatchStop;
}

/** A job never started because the run stopped first. */
class NotStartedError extends Error {
  override readonly name = 'NotStartedError';
}

/**
 * Runs a fixed list of jobs in this process, at most `concurrency` at once: the small loop behind
 * `rollout` and the demo (`generate` runs the full pipeline). Failed jobs are kept apart from the
 * trajectories; the first endpoint rejection cancels the rest, and `maxFailedJobs` stops new starts.
 */
export async function runJobs(options: RunJobsOptions): Promise<RunJobsResult> {
  // The run's own signal: every running job listens to it (one listener each, removed when the job ends).
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  if (options.signal?.aborted) forward();
  const execute = createRolloutExecutor(options);
  let started = 0;
  let failedOnTheirOwn = 0;
  let stopped: BatchStop | undefined;
  const trajectories: (Trajectory | undefined)[] = [];
  const failedJobs = new Map<string, FailedJobRecord>();
  const notStarted = () => options.jobs.length - started;
  // A failed job is judged inside its queue slot, before the queue starts the next job: a stop it calls for
  // then holds for every job after it.
  const fail = (job: RolloutJob, error: FailedJobError) => {
    const record = failedJobRecord(job, error, options.clock().toISOString());
    failedJobs.set(job.id, record);
    if (failedOnItsOwn(record)) failedOnTheirOwn++;
    const decision = stopped ? undefined : stopForFailedJob(record, { failedOnTheirOwn, maxFailedJobs: options.maxFailedJobs, notStarted: notStarted() });
    if (!decision) return;
    stopped = decision.stop;
    if (decision.cancelRunning) controller.abort(endpointRejectionAbort());
  };
  const runner = createInProcessJobRunner({
    concurrency: options.concurrency,
    execute: async (job, context) => {
      if (stopped) throw new NotStartedError(`${job.id} was not started`);
      started++;
      try {
        return await execute(job, context);
      } catch (error) {
        if (error instanceof FailedJobError) fail(job, error);
        throw error;
      }
    },
  });
  try {
    await Promise.all(
      options.jobs.map(async (job, index) => {
        const onEvent = options.onEvent;
        let trajectory: Trajectory;
        try {
          trajectory = await runner.run(job, { signal: controller.signal, onEvent: onEvent ? (event) => onEvent(job, event) : () => undefined });
        } catch (error) {
          if (error instanceof NotStartedError || (controller.signal.aborted && !(error instanceof FailedJobError))) return;
          if (!(error instanceof FailedJobError)) throw error;
          await options.onFailedJob?.(failedJobs.get(job.id) as FailedJobRecord, job);
          return;
        }
        await options.onTrajectory?.(trajectory, job);
        trajectories[index] = trajectory;
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', forward);
    await runner.close();
  }
  if (!stopped && options.signal?.aborted) stopped = { reason: 'aborted', notStarted: notStarted() };
  return { trajectories: trajectories.filter((trajectory) => trajectory !== undefined), failedJobs: [...failedJobs.values()], ...(stopped ? { stopped } : {}) };
}
