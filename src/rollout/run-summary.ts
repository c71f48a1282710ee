import { addTrial, passHatK } from './pass-hat-k.ts';
import { isFailedJobTermination, type TerminationReason } from './termination.ts';
import type { RoleName, Trajectory } from './trajectory.ts';
import type { VerdictReason } from './verdict.ts';

export interface RunSummary {
  /** Graded trajectories: failed jobs are not among them. */
  trajectories: number;
  kept: number;
  /** Unique blueprints with at least one kept trajectory. */
  blueprintsSolved: number;
  blueprints: number;
  rejected: Partial<Record<VerdictReason, number>>;
  terminations: Partial<Record<TerminationReason, number>>;
  /** pass^k for k = 1 .. the most trials any blueprint has. */
  passHatK: Record<number, number>;
  tokens: Partial<Record<RoleName, { calls: number; promptTokens: number; completionTokens: number }>>;
  meanDurationMs: number;
  /**
   * Rollouts that ended for a reason about the world (outage, refused credentials, cancellation), by
   * reason: failed jobs, never graded, left out of every rate and of pass^k (old logs may hold them).
   */
  failedJobs: Partial<Record<TerminationReason, number>>;
  /** Graded trajectories of blueprints that failed validation and were rolled out anyway, and how many were kept. */
  unvalidated: { trajectories: number; kept: number };
}

/**
 * Running counts toward a RunSummary, one trajectory at a time, without holding the trajectories:
 * acceptance, reasons, endings, pass^k, tokens per role, time per rollout.
 */
export class SummaryCounter {
  readonly #summary: RunSummary = { trajectories: 0, kept: 0, blueprintsSolved: 0, blueprints: 0, rejected: {}, terminations: {}, passHatK: {}, tokens: {}, meanDurationMs: 0, failedJobs: {}, unvalidated: { trajectories: 0, kept: 0 } };
  readonly #blueprints = new Map<string, { trials: number; successes: number }>();
  #durationMs = 0;

  add(trajectory: Trajectory): void {
    const summary = this.#summary;
    const reason = trajectory.termination.reason;
    this.#addTokens(trajectory);
    if (isFailedJobTermination(reason)) {
      // A failed job is no verdict: counted apart, its tokens spent all the same.
      summary.failedJobs[reason] = (summary.failedJobs[reason] ?? 0) + 1;
      return;
    }
    summary.trajectories++;
    this.#durationMs += trajectory.timings.durationMs;
    summary.terminations[reason] = (summary.terminations[reason] ?? 0) + 1;
    if (trajectory.verdict.kept) summary.kept++;
    else summary.rejected[trajectory.verdict.reason] = (summary.rejected[trajectory.verdict.reason] ?? 0) + 1;
    if (trajectory.verdict.unvalidated) {
      summary.unvalidated.trajectories++;
      if (trajectory.verdict.kept) summary.unvalidated.kept++;
    }
    addTrial(this.#blueprints, trajectory.blueprintId, trajectory.verdict.kept);
  }

  #addTokens(trajectory: Trajectory): void {
    const summary = this.#summary;
    for (const [role, usage] of Object.entries(trajectory.usage) as [RoleName, NonNullable<Trajectory['usage'][RoleName]>][]) {
      const total = summary.tokens[role] ?? { calls: 0, promptTokens: 0, completionTokens: 0 };
      summary.tokens[role] = { calls: total.calls + usage.calls, promptTokens: total.promptTokens + usage.promptTokens, completionTokens: total.completionTokens + usage.completionTokens };
    }
  }

  /** The summary so far (a copy: counting may go on). */
  summary(): RunSummary {
    const tasks = [...this.#blueprints.values()];
    const summary: RunSummary = {
      ...structuredClone(this.#summary),
      blueprints: tasks.length,
      blueprintsSolved: tasks.filter((task) => task.successes > 0).length,
      meanDurationMs: this.#summary.trajectories > 0 ? this.#durationMs / this.#summary.trajectories : 0,
    };
    const maxTrials = Math.max(0, ...tasks.map((task) => task.trials));
    for (let k = 1; k <= maxTrials; k++) {
      const value = passHatK(tasks, k);
      if (value !== undefined) summary.passHatK[k] = value;
    }
    return summary;
  }
}

/** Counts over a set of trajectories: acceptance, reasons, endings, pass^k, tokens per role. */
export function summarizeTrajectories(trajectories: Iterable<Trajectory>): RunSummary {
  const counter = new SummaryCounter();
  for (const trajectory of trajectories) counter.add(trajectory);
  return counter.summary();
}

/** The summary as a few plain lines. */
export function formatSummary(summary: RunSummary): string {
  const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);
  const list = (counts: Record<string, number | undefined>) =>
    Object.entries(counts)
      .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
      .map(([name, count]) => `${name} ${count}`)
      .join(', ') || 'none';
  const lines = [
    `trajectories ${summary.trajectories}: kept ${summary.kept} (${percent(summary.kept, summary.trajectories)}), rejected ${summary.trajectories - summary.kept}`,
    `rejected by reason: ${list(summary.rejected)}`,
    `endings: ${list(summary.terminations)}`,
    `blueprints solved at least once: ${summary.blueprintsSolved} of ${summary.blueprints}`,
    `pass^k: ${Object.entries(summary.passHatK).map(([k, value]) => `k=${k} ${value.toFixed(3)}`).join(', ') || 'n/a'}`,
  ];
  const failed = Object.values(summary.failedJobs).reduce((total: number, count) => total + (count ?? 0), 0);
  if (failed > 0) lines.push(`${failed} jobs failed: ${list(summary.failedJobs)} (not graded: left out of the rates and pass^k)`);
  if (summary.unvalidated.trajectories > 0) {
    lines.push(`UNVALIDATED: ${summary.unvalidated.trajectories} trajectories (kept ${summary.unvalidated.kept}) are of blueprints that failed validation stages 1-3 (--unvalidated)`);
  }
  const roles = Object.entries(summary.tokens);
  const describeUsage = (usage: { calls: number; promptTokens: number; completionTokens: number }) =>
    usage.promptTokens + usage.completionTokens > 0 ? `${usage.calls} calls, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens` : `${usage.calls} calls (no token usage reported)`;
  if (roles.length > 0) lines.push(`model calls: ${roles.map(([role, usage]) => `${role} ${describeUsage(usage)}`).join('; ')}`);
  return lines.join('\n');
}
