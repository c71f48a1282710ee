import PQueue from 'p-queue';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import type { HumanRole } from '../rollout/human-role.ts';
import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { RolloutLimits } from '../rollout/rollout-machine.ts';
import { runRollout } from '../rollout/run-rollout.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { RolloutJob } from './rollout-job.ts';

export interface RunJobsOptions {
  domain: Domain;
  base: BaseState;
  jobs: readonly RolloutJob[];
  /** The human and agent for a job (offline policies, or model-backed roles). */
  roles(job: RolloutJob): { human: HumanRole; agent: ChatModel };
  concurrency: number;
  clock: () => Date;
  limits?: Partial<RolloutLimits>;
  signal?: AbortSignal;
  onEvent?: (job: RolloutJob, event: RolloutEvent) => void;
  /** Called with each finished trajectory, in completion order (e.g. to append it to the run's log). */
  onTrajectory?: (trajectory: Trajectory, job: RolloutJob) => Promise<void> | void;
}

/** Runs jobs with at most `concurrency` rollouts in flight; returns the trajectories in job order. */
export async function runJobs(options: RunJobsOptions): Promise<Trajectory[]> {
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  const results: Trajectory[] = new Array(options.jobs.length);
  await Promise.all(
    options.jobs.map((job, index) =>
      queue.add(async () => {
        const { human, agent } = options.roles(job);
        const onEvent = options.onEvent;
        const trajectory = await runRollout({
          domain: options.domain,
          base: options.base,
          blueprint: job.blueprint,
          attempt: job.attempt,
          seed: job.seed,
          human,
          agent,
          clock: options.clock,
          ...(options.limits ? { limits: options.limits } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(onEvent ? { onEvent: (event: RolloutEvent) => onEvent(job, event) } : {}),
        });
        await options.onTrajectory?.(trajectory, job);
        results[index] = trajectory;
      }),
    ),
  );
  return results;
}
