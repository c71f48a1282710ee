import PQueue from 'p-queue';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { JobContext, JobExecutor, JobRunner } from './job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';

/**
 * Runs jobs in this process, at most `concurrency` at once (p-queue). A job waiting in the queue does not
 * listen to the run's signal (a listener per queued job is what set off MaxListenersExceededWarning on every
 * run of more than 10 jobs): it checks the signal when its turn comes, and rejects with its reason if the
 * run was cancelled meanwhile.
 */
export function createInProcessJobRunner(options: { concurrency: number; execute: JobExecutor }): JobRunner {
  const capacity = Math.max(1, Math.floor(options.concurrency));
  const queue = new PQueue({ concurrency: capacity });
  return {
    capacity,
    run(job: RolloutJob, context: JobContext): Promise<Trajectory> {
      return queue.add(() => {
        context.signal.throwIfAborted();
        return options.execute(job, context);
      }) as Promise<Trajectory>;
    },
    async close() {
      await queue.onIdle();
    },
  };
}
