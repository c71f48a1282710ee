import { passHatK } from '../rollout/pass-hat-k.ts';
import type { RunSummary } from '../rollout/run-summary.ts';
import type { Termination } from '../rollout/termination.ts';
import type { RoleName, Trajectory } from '../rollout/trajectory.ts';

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
  #durationMs = 0;
  readonly #summary: RunSummary = { trajectories: 0, kept: 0, blueprintsSolved: 0, blueprints: 0, rejected: {}, terminations: {}, passHatK: {}, tokens: {}, meanDurationMs: 0 };
  readonly #blueprints = new Map<string, { trials: number; successes: number }>();

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
    const summary = this.#summary;
    const reason = trajectory.termination.reason;
    summary.terminations[reason] = (summary.terminations[reason] ?? 0) + 1;
    if (trajectory.verdict.kept) this.kept++;
    else summary.rejected[trajectory.verdict.reason] = (summary.rejected[trajectory.verdict.reason] ?? 0) + 1;
    if (!trajectory.verdict.kept && isErrorEnding(trajectory.termination)) this.errors++;
    this.#durationMs += trajectory.timings.durationMs;
    const task = this.#blueprints.get(trajectory.blueprintId) ?? { trials: 0, successes: 0 };
    task.trials++;
    if (trajectory.verdict.kept) task.successes++;
    this.#blueprints.set(trajectory.blueprintId, task);
    for (const [role, usage] of Object.entries(trajectory.usage) as [RoleName, NonNullable<Trajectory['usage'][RoleName]>][]) {
      const total = summary.tokens[role] ?? { calls: 0, promptTokens: 0, completionTokens: 0 };
      summary.tokens[role] = { calls: total.calls + usage.calls, promptTokens: total.promptTokens + usage.promptTokens, completionTokens: total.completionTokens + usage.completionTokens };
      this.tokens += usage.promptTokens + usage.completionTokens;
    }
  }

  /** The same figures `summarizeTrajectories` gives for these trajectories. */
  summary(): RunSummary {
    const tasks = [...this.#blueprints.values()];
    const summary: RunSummary = {
      ...this.#summary,
      rejected: { ...this.#summary.rejected },
      terminations: { ...this.#summary.terminations },
      tokens: structuredClone(this.#summary.tokens),
      trajectories: this.count,
      kept: this.kept,
      blueprints: tasks.length,
      blueprintsSolved: tasks.filter((task) => task.successes > 0).length,
      passHatK: {},
      meanDurationMs: this.count > 0 ? this.#durationMs / this.count : 0,
    };
    const maxTrials = Math.max(0, ...tasks.map((task) => task.trials));
    for (let k = 1; k <= maxTrials; k++) {
      const value = passHatK(tasks, k);
      if (value !== undefined) summary.passHatK[k] = value;
    }
    return summary;
  }
}
