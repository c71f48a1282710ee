import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { GradingOptions } from '../rollout/grading/grading-options.ts';
import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { RolloutLimits } from '../rollout/rollout-machine.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
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
  signal?: AbortSignal;
  onEvent?: (job: RolloutJob, event: RolloutEvent) => void;
  /** Called with each finished trajectory, in completion order (e.g. to append it to the run's log). */
  onTrajectory?: (trajectory: Trajectory, job: RolloutJob) => Promise<void> | void;
}

/**
 * Runs a fixed list of jobs in this process, at most `concurrency` at once, and returns the trajectories
 * in job order: the small loop behind `rollout` and the demo (`generate` runs the full pipeline).
 */
export async function runJobs(options: RunJobsOptions): Promise<Trajectory[]> {
  const { signal = new AbortController().signal } = options;
  const runner = createInProcessJobRunner({ concurrency: options.concurrency, execute: createRolloutExecutor(options) });
  try {
    return await Promise.all(
      options.jobs.map(async (job) => {
        const onEvent = options.onEvent;
        const trajectory = await runner.run(job, { signal, onEvent: onEvent ? (event) => onEvent(job, event) : () => undefined });
        await options.onTrajectory?.(trajectory, job);
        return trajectory;
      }),
    );
  } finally {
    await runner.close();
  }
}
