import { addTrial, passHatK } from './pass-hat-k.ts';
import { isFailedJobTermination, type Termination, type TerminationReason } from './termination.ts';
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
   * Jobs that failed for a reason outside the agent, by ending: how many, and the first one's role, model
   * and detail. They are not trajectories: no rate, reason or pass^k above counts them.
   */
  failedJobs: Partial<Record<TerminationReason, { count: number; first: string }>>;
  /** Graded trajectories of blueprints that failed validation and were rolled out anyway, and how many were kept. */
  unvalidated: { trajectories: number; kept: number };
}

/** What the summary needs of a failed job (a failed-job record, or an old trajectory that ended as one). */
export interface FailedJobSummaryInput {
  termination: Termination;
  role?: RoleName | undefined;
  model?: string | undefined;
}

/** Failed jobs grouped by ending, each group with its count and its first job described. */
export function summarizeFailedJobs(jobs: Iterable<FailedJobSummaryInput>): RunSummary['failedJobs'] {
  const groups: RunSummary['failedJobs'] = {};
  for (const job of jobs) {
    const reason = job.termination.reason;
    const group = groups[reason];
    if (group) group.count++;
    else groups[reason] = { count: 1, first: [job.role ? `${job.role}${job.model ? ` ${job.model}` : ''}` : undefined, job.termination.detail].filter(Boolean).join(': ') || reason };
  }
  return groups;
}

/**
 * Running counts toward a RunSummary, one trajectory at a time, without holding the trajectories:
 * acceptance, reasons, endings, pass^k, tokens per role, time per rollout.
 */
export class SummaryCounter {
  readonly #summary: RunSummary = { trajectories: 0, kept: 0, blueprintsSolved: 0, blueprints: 0, rejected: {}, terminations: {}, passHatK: {}, tokens: {}, meanDurationMs: 0, failedJobs: {}, unvalidated: { trajectories: 0, kept: 0 } };
  readonly #blueprints = new Map<string, { trials: number; successes: number }>();
  readonly #failedJobs: FailedJobSummaryInput[] = [];
  #durationMs = 0;

  /** Counts a trajectory; an old one that ended as a failed job (outage, rejection, cancel) counts as a failed job only. */
  add(trajectory: Trajectory): void {
    const summary = this.#summary;
    const reason = trajectory.termination.reason;
    if (isFailedJobTermination(reason)) {
      // A failed job is no verdict: counted apart (its tokens are in the run's usage ledger, not here).
      this.addFailedJob({ termination: trajectory.termination });
      return;
    }
    this.#addTokens(trajectory);
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

  /** Counts a failed job: in `failedJobs` only, never in a rate. */
  addFailedJob(job: FailedJobSummaryInput): void {
    this.#failedJobs.push(job);
  }

  /** The summary so far (a copy: counting may go on). */
  summary(): RunSummary {
    const tasks = [...this.#blueprints.values()];
    const summary: RunSummary = {
      ...structuredClone(this.#summary),
      blueprints: tasks.length,
      blueprintsSolved: tasks.filter((task) => task.successes > 0).length,
      meanDurationMs: this.#summary.trajectories > 0 ? this.#durationMs / this.#summary.trajectories : 0,
      failedJobs: summarizeFailedJobs(this.#failedJobs),
    };
    const maxTrials = Math.max(0, ...tasks.map((task) => task.trials));
    for (let k = 1; k <= maxTrials; k++) {
      const value = passHatK(tasks, k);
      if (value !== undefined) summary.passHatK[k] = value;
    }
    return summary;
  }
}

/** Counts over a set of trajectories (and the run's failed jobs): acceptance, reasons, endings, pass^k, tokens per role. */
export function summarizeTrajectories(trajectories: Iterable<Trajectory>, failedJobs: Iterable<FailedJobSummaryInput> = []): RunSummary {
  const counter = new SummaryCounter();
  for (const trajectory of trajectories) counter.add(trajectory);
  for (const job of failedJobs) counter.addFailedJob(job);
  return counter.summary();
}

/** One line per ending of the failed jobs: "N jobs failed: reason (first: ...)". Empty when none failed. */
export function formatFailedJobs(failedJobs: RunSummary['failedJobs']): string[] {
  return Object.entries(failedJobs)
    .sort(([, a], [, b]) => (b?.count ?? 0) - (a?.count ?? 0))
    .map(([reason, group]) => `${group?.count} job${group?.count === 1 ? '' : 's'} failed: ${reason} (${group?.first}) — not graded, in no rate`);
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
  if (summary.unvalidated.trajectories > 0) {
    lines.push(`UNVALIDATED: ${summary.unvalidated.trajectories} trajectories (kept ${summary.unvalidated.kept}) are of blueprints that failed validation stages 1-3 (--unvalidated)`);
  }
  const roles = Object.entries(summary.tokens);
  const describeUsage = (usage: { calls: number; promptTokens: number; completionTokens: number }) =>
    usage.promptTokens + usage.completionTokens > 0 ? `${usage.calls} calls, ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens` : `${usage.calls} calls (no token usage reported)`;
  if (roles.length > 0) lines.push(`model calls: ${roles.map(([role, usage]) => `${role} ${describeUsage(usage)}`).join('; ')}`);
  lines.push(...formatFailedJobs(summary.failedJobs));
  return lines.join('\n');
}
