import PQueue from 'p-queue';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { JobContext, JobExecutor, JobRunner } from './job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';

/** Runs jobs in this process, at most `concurrency` at once (p-queue). */
export function createInProcessJobRunner(options: { concurrency: number; execute: JobExecutor }): JobRunner {
  const capacity = Math.max(1, Math.floor(options.concurrency));
  const queue = new PQueue({ concurrency: capacity });
  return {
    capacity,
    run(job: RolloutJob, context: JobContext): Promise<Trajectory> {
      return queue.add(() => options.execute(job, context), { signal: context.signal }) as Promise<Trajectory>;
    },
    async close() {
      await queue.onIdle();
    },
  };
}
