import { SummaryCounter, type RunSummary } from '../rollout/run-summary.ts';
import type { Termination } from '../rollout/termination.ts';
import type { Trajectory } from '../rollout/trajectory.ts';

/** Endings that are failures of a model role or the infrastructure, not of the agent's work. */
export const isErrorEnding = (termination: Termination) =>
  termination.reason === 'agent-error' || termination.reason === 'human-error' || termination.reason === 'infrastructure-error';

/**
 * Running counts over a run's trajectories — those already in the log when a run resumes and the new
 * ones — without holding the trajectories: what the progress events and the final summary read.
 */
export class TrajectoryTally {
  readonly ids = new Set<string>();
  kept = 0;
  errors = 0;
  tokens = 0;
  readonly #counter = new SummaryCounter();

  get count(): number {
    return this.ids.size;
  }

  /** Not kept, and not ended by an error. */
  get rejected(): number {
    return this.count - this.kept - this.errors;
  }

  /** Counts a trajectory once (a second one with the same id is ignored). */
  add(trajectory: Trajectory): void {
    if (this.ids.has(trajectory.id)) return;
    this.ids.add(trajectory.id);
    this.#counter.add(trajectory);
    if (trajectory.verdict.kept) this.kept++;
    else if (isErrorEnding(trajectory.termination)) this.errors++;
    for (const usage of Object.values(trajectory.usage)) this.tokens += (usage?.promptTokens ?? 0) + (usage?.completionTokens ?? 0);
  }

  /** The same figures `summarizeTrajectories` gives for these trajectories. */
  summary(): RunSummary {
    return this.#counter.summary();
  }
}
