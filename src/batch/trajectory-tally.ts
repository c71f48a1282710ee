import { summarizeFailedJobs, SummaryCounter, type FailedJobSummaryInput, type RunSummary } from '../rollout/run-summary.ts';
import { isFailedJobTermination, type Termination } from '../rollout/termination.ts';
import type { Trajectory } from '../rollout/trajectory.ts';

/** Endings that are failures of a model role's reply, not of the agent's work (a failed job is not a trajectory). */
export const isErrorEnding = (termination: Termination) => termination.reason === 'agent-error' || termination.reason === 'human-error';

/**
 * Running counts over a run's trajectories — those already in the log when a run resumes and the new
 * ones — and its failed jobs, without holding the trajectories: what the progress events and the final
 * summary read. A failed job stays failed until a trajectory with its id arrives (a resume that ran it).
 */
export class TrajectoryTally {
  /** Ids of the graded trajectories: the jobs a resume skips. */
  readonly ids = new Set<string>();
  kept = 0;
  errors = 0;
  tokens = 0;
  readonly #counter = new SummaryCounter();
  readonly #failed = new Map<string, FailedJobSummaryInput>();

  get count(): number {
    return this.ids.size;
  }

  /** Not kept, and not ended by an error. */
  get rejected(): number {
    return this.count - this.kept - this.errors;
  }

  /** Jobs failed now (their latest failure has no trajectory after it). */
  get failed(): number {
    return this.#failed.size;
  }

  /** Ids of the jobs failed now. */
  failedIds(): string[] {
    return [...this.#failed.keys()];
  }

  /**
   * Counts a trajectory once (a second one with the same id is ignored). An old trajectory that ended as a
   * failed job counts as that job's failure, never as a verdict.
   */
  add(trajectory: Trajectory): void {
    if (this.ids.has(trajectory.id)) return;
    if (isFailedJobTermination(trajectory.termination.reason)) {
      this.addFailedJob(trajectory.id, { termination: trajectory.termination });
      return;
    }
    this.ids.add(trajectory.id);
    this.#failed.delete(trajectory.id);
    this.#counter.add(trajectory);
    if (trajectory.verdict.kept) this.kept++;
    else if (isErrorEnding(trajectory.termination)) this.errors++;
    for (const usage of Object.values(trajectory.usage)) this.tokens += (usage?.promptTokens ?? 0) + (usage?.completionTokens ?? 0);
  }

  /** Counts a job's failure, replacing an earlier one of the same job; ignored once the job has a trajectory. */
  addFailedJob(jobId: string, job: FailedJobSummaryInput): void {
    if (this.ids.has(jobId)) return;
    this.#failed.set(jobId, job);
  }

  /** The same figures `summarizeTrajectories` gives for these trajectories, with the jobs failed now. */
  summary(): RunSummary {
    return { ...this.#counter.summary(), failedJobs: summarizeFailedJobs(this.#failed.values()) };
  }
}
