import { isFailedJobTermination, type TerminationReason } from './termination.ts';

/** C(n, k), exactly for the small numbers trials use. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let index = 1; index <= k; index++) result = (result * (n - k + index)) / index;
  return result;
}

/**
 * pass^k (tau-bench): the chance that k trials drawn from a task's n trials all succeed, averaged over
 * tasks: mean of C(c, k) / C(n, k), where c of the task's n trials succeeded. Tasks with fewer than k
 * trials are left out; undefined when none has k.
 */
export function passHatK(tasks: Iterable<{ trials: number; successes: number }>, k: number): number | undefined {
  let sum = 0;
  let count = 0;
  for (const { trials, successes } of tasks) {
    if (trials < k) continue;
    sum += choose(successes, k) / choose(trials, k);
    count++;
  }
  return count === 0 ? undefined : sum / count;
}

/** What pass^k needs of a trajectory: its task, how it ended, whether it was kept. */
export interface GradedTrial {
  blueprintId: string;
  termination: { reason: TerminationReason };
  verdict: { kept: boolean };
}

/**
 * Trials and successes per blueprint. Failed jobs (an outage, refused credentials, a cancellation) are
 * about the world, not the agent: they are no trials at all, so they neither lower nor raise pass^k.
 */
export function trialsPerBlueprint(trajectories: Iterable<GradedTrial>): Map<string, { trials: number; successes: number }> {
  const tasks = new Map<string, { trials: number; successes: number }>();
  for (const trajectory of trajectories) if (!isFailedJobTermination(trajectory.termination.reason)) addTrial(tasks, trajectory.blueprintId, trajectory.verdict.kept);
  return tasks;
}

/** Counts one graded trial of a blueprint. */
export function addTrial(tasks: Map<string, { trials: number; successes: number }>, blueprintId: string, kept: boolean): void {
  const task = tasks.get(blueprintId) ?? { trials: 0, successes: 0 };
  task.trials++;
  if (kept) task.successes++;
  tasks.set(blueprintId, task);
}

/** pass^k over graded trajectories, failed jobs left out. */
export function passHatKOfTrajectories(trajectories: Iterable<GradedTrial>, k: number): number | undefined {
  return passHatK(trialsPerBlueprint(trajectories).values(), k);
}
