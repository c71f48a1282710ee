import type { BatchReport } from '../batch/batch-report.ts';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { canonicalJson, type BaseState, type Domain } from '../domain-kit/index.ts';
import { gradeTrajectory } from '../rollout/acceptance.ts';
import { diagnoseTrajectory } from '../rollout/diagnostics/index.ts';
import { passHatK } from '../rollout/pass-hat-k.ts';
import { SummaryCounter } from '../rollout/run-summary.ts';
import { isFailedJobTermination } from '../rollout/termination.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import { outputsMatchOf, type FailedJobRecord, type RunManifest } from '../store/index.ts';
import { buildAcceptanceFunnel } from './acceptance-funnel.ts';
import { DistributionCounter } from './distribution.ts';
import { REPORT_DATA_SCHEMA_VERSION, type BlueprintRow, type FailedJobRow, type ReportData, type TrajectoryPage, type TrajectoryView, type UsageRow } from './report-data.ts';
import { toTrajectoryView, userTurnsOf } from './trajectory-view.ts';

export interface ReportCollectorOptions {
  manifest: RunManifest;
  batch: BatchReport | undefined;
  /** The run's inputs: the blueprints its trajectories were graded against, in run order. */
  blueprints: readonly Blueprint[];
  /** The domain and the data the run used, to re-grade and diagnose; without them the stored verdicts are shown. */
  grading: { domain: Domain; base: BaseState } | undefined;
  /** The latest record of each job the batch logged as failed. */
  failedJobs: ReadonlyMap<string, FailedJobRecord>;
  /** Trajectories per page (page 1 is embedded, the others go beside the HTML). */
  pageSize: number;
  /** Blueprint rows embedded at most (the rest are in the CSV beside the HTML). */
  blueprintRowLimit: number;
  /** Where the pages and the CSV go, relative to the HTML (`{n}` = page number). */
  pageFile: string;
  csvFile: string;
  notes?: string[];
}

/** The report and what goes beside it: the other trajectory pages and, for big runs, the full blueprint table. */
export interface CollectedReport {
  data: ReportData;
  /** Pages 2 and later (page 1 is `data.firstPage`). */
  otherPages: TrajectoryPage[];
  /** Every blueprint row, when there are more than the embedded limit. */
  allRows: BlueprintRow[] | undefined;
}

interface BlueprintTally {
  trials: number;
  kept: number;
  failures: Map<string, number>;
  parties: Map<string, number>;
  views: TrajectoryView[];
}

const increment = (counts: Record<string, number> | Map<string, number>, key: string) => {
  if (counts instanceof Map) counts.set(key, (counts.get(key) ?? 0) + 1);
  else counts[key] = (counts[key] ?? 0) + 1;
};
const commonest = (counts: Map<string, number>) => [...counts.entries()].sort(([leftKey, left], [rightKey, right]) => right - left || leftKey.localeCompare(rightKey))[0]?.[0] ?? null;

/**
 * Builds a report's data from a run's trajectories, one at a time (pure: the caller reads the files). Each
 * trajectory is re-graded from its transcript when the domain and data are at hand, and a rejected one is
 * diagnosed. Trajectories that ended as failed jobs (outage, refused credentials, cancellation) are listed
 * as failed jobs, never counted as verdicts. A trajectory id seen twice counts once (the first graded one).
 */
export class ReportCollector {
  readonly #options: ReportCollectorOptions;
  readonly #blueprints: Map<string, Blueprint>;
  readonly #counter = new SummaryCounter();
  readonly #graded = new Set<string>();
  readonly #failedTrajectories = new Map<string, FailedJobRow>();
  readonly #tallies = new Map<string, BlueprintTally>();
  readonly #usage = new Map<string, UsageRow>();
  readonly #reasons = { terminations: {} as Record<string, number>, rejections: {} as Record<string, number>, attribution: {} as Record<string, number>, attributionRules: {} as Record<string, number> };
  readonly #distributions = { turns: new DistributionCounter(), toolCalls: new DistributionCounter(), userTurns: new DistributionCounter() };
  readonly #systemPrompts = new Map<string, number>();
  #kept = 0;
  #changedVerdicts = 0;
  #unknownBlueprints = 0;
  #firstStart: string | undefined;
  #lastEnd: string | undefined;

  constructor(options: ReportCollectorOptions) {
    this.#options = options;
    this.#blueprints = new Map(options.blueprints.map((blueprint) => [blueprint.id, blueprint]));
  }

  add(trajectory: Trajectory): void {
    if (this.#graded.has(trajectory.id)) return;
    if (isFailedJobTermination(trajectory.termination.reason)) {
      this.#failedTrajectories.set(trajectory.id, { jobId: trajectory.id, blueprintId: trajectory.blueprintId, attempt: trajectory.attempt, reason: trajectory.termination.reason, ...(trajectory.termination.detail ? { detail: trajectory.termination.detail } : {}) });
      return;
    }
    this.#graded.add(trajectory.id);
    this.#failedTrajectories.delete(trajectory.id);
    const blueprint = this.#blueprints.get(trajectory.blueprintId);
    const { grading } = this.#options;
    let verdict = trajectory.verdict;
    if (!blueprint) this.#unknownBlueprints++;
    if (grading && blueprint) {
      verdict = gradeTrajectory({ ...grading, blueprint, messages: trajectory.messages, termination: trajectory.termination.reason, outputsMatch: outputsMatchOf(this.#options.manifest), ...(trajectory.verdict.judge ? { judge: trajectory.verdict.judge } : {}) });
      if (canonicalJson(verdict) !== canonicalJson(trajectory.verdict)) this.#changedVerdicts++;
    }
    const diagnostics = grading && blueprint && !verdict.kept ? diagnoseTrajectory({ ...grading, blueprint, trajectory, verdict }) : undefined;
    this.#counter.add({ ...trajectory, verdict });

    const reasons = this.#reasons;
    increment(reasons.terminations, trajectory.termination.reason);
    const tally: BlueprintTally = this.#tallies.get(trajectory.blueprintId) ?? { trials: 0, kept: 0, failures: new Map(), parties: new Map(), views: [] };
    tally.trials++;
    if (verdict.kept) {
      this.#kept++;
      tally.kept++;
      this.#distributions.turns.add(trajectory.stats.turns);
      this.#distributions.toolCalls.add(trajectory.stats.toolCalls);
      this.#distributions.userTurns.add(userTurnsOf(trajectory));
    } else {
      increment(reasons.rejections, verdict.reason);
      increment(tally.failures, verdict.reason);
      if (diagnostics) {
        increment(reasons.attribution, diagnostics.attribution.party);
        increment(reasons.attributionRules, diagnostics.attribution.rule);
        increment(tally.parties, diagnostics.attribution.party);
      }
    }
    tally.views.push(toTrajectoryView(trajectory, verdict, diagnostics, (text) => this.#sharePrompt(text)));
    this.#tallies.set(trajectory.blueprintId, tally);

    for (const [role, usage] of Object.entries(trajectory.usage)) {
      if (!usage) continue;
      const key = `${role}\n${usage.model}`;
      const row = this.#usage.get(key) ?? { role, model: usage.model, calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, cost: null };
      row.calls += usage.calls;
      row.promptTokens += usage.promptTokens;
      row.completionTokens += usage.completionTokens;
      this.#usage.set(key, row);
    }
    const { startedAt, endedAt } = trajectory.timings;
    if (this.#firstStart === undefined || startedAt < this.#firstStart) this.#firstStart = startedAt;
    if (this.#lastEnd === undefined || endedAt > this.#lastEnd) this.#lastEnd = endedAt;
  }

  finish(): CollectedReport {
    const options = this.#options;
    const summary = this.#counter.summary();
    const failedJobs = this.#failedJobRows();
    const failedByReason: Record<string, number> = {};
    for (const job of failedJobs) increment(failedByReason, job.reason);

    // Page order: the run's blueprint order (then any other, by id), each blueprint's trials by attempt.
    const order = [...options.blueprints.map((blueprint) => blueprint.id).filter((id) => this.#tallies.has(id)), ...[...this.#tallies.keys()].filter((id) => !this.#blueprints.has(id)).sort()];
    const views: TrajectoryView[] = [];
    const rows: BlueprintRow[] = order.map((id) => {
      const tally = this.#tallies.get(id) as BlueprintTally;
      tally.views.sort((left, right) => left.attempt - right.attempt);
      const row: BlueprintRow = {
        id,
        trials: tally.trials,
        kept: tally.kept,
        passHat1: passHatK([{ trials: tally.trials, successes: tally.kept }], 1) ?? 0,
        passHatK: passHatK([{ trials: tally.trials, successes: tally.kept }], tally.trials) ?? 0,
        mostCommonFailure: commonest(tally.failures),
        mostCommonParty: commonest(tally.parties),
        start: views.length,
        count: tally.views.length,
      };
      views.push(...tally.views);
      return row;
    });
    const pages: TrajectoryPage[] = [];
    for (let start = 0; start < views.length || pages.length === 0; start += options.pageSize) pages.push({ number: pages.length + 1, start, trajectories: views.slice(start, start + options.pageSize) });

    // Above the limit, embed the blueprints that failed most (the full table goes to the CSV).
    const embedded = rows.length <= options.blueprintRowLimit ? rows : [...rows].sort((left, right) => left.kept / left.trials - right.kept / right.trials || left.id.localeCompare(right.id)).slice(0, options.blueprintRowLimit);
    const notes = [...(options.notes ?? [])];
    if (options.grading) notes.push(`verdicts re-derived from the transcripts without a model${this.#changedVerdicts > 0 ? `: ${this.#changedVerdicts} differ from the stored ones` : ''}; rejected trajectories diagnosed`);
    else notes.push('stored verdicts shown: the data the run used is not available to re-grade or diagnose');
    if (this.#unknownBlueprints > 0) notes.push(`${this.#unknownBlueprints} trajectories name a blueprint missing from the run's inputs: stored verdicts shown`);
    if (pages.length > 1) notes.push(`${views.length} trajectories in ${pages.length} pages of ${options.pageSize}: page 1 is embedded, the others load from ${options.pageFile.replace('{n}', '*')} beside this file`);
    if (embedded.length < rows.length) notes.push(`the table shows the ${embedded.length} blueprints with the lowest acceptance of ${rows.length}; all of them are in ${options.csvFile}`);

    const batch = options.batch;
    const usage = batch?.accounting.lines.length
      ? batch.accounting.lines.map((line) => ({ role: line.role, model: line.model, calls: line.calls, cachedCalls: line.cachedCalls, promptTokens: line.promptTokens, completionTokens: line.completionTokens, cost: line.cost }))
      : [...this.#usage.values()];
    const seconds = this.#firstStart && this.#lastEnd ? Math.max(0, (Date.parse(this.#lastEnd) - Date.parse(this.#firstStart)) / 1000) : null;
    const trials = typeof options.manifest.config.trials === 'number' ? options.manifest.config.trials : undefined;
    const { manifest } = options;
    const data: ReportData = {
      schemaVersion: REPORT_DATA_SCHEMA_VERSION,
      run: { id: manifest.runId, domain: manifest.domain, createdAt: manifest.createdAt, codeVersion: manifest.codeVersion, models: manifest.models as Record<string, string> },
      notes,
      headline: {
        trajectories: summary.trajectories,
        kept: this.#kept,
        rejected: summary.trajectories - this.#kept,
        failedJobs: failedJobs.length,
        failedByReason,
        plannedJobs: trials !== undefined && batch?.validation ? batch.validation.verdicts.filter((verdict) => verdict.status !== 'rejected').length * trials : null,
        blueprints: summary.blueprints,
        blueprintsSolved: summary.blueprintsSolved,
        passHatK: Object.entries(summary.passHatK).map(([k, value]) => ({ k: Number(k), value })),
        usage,
        currency: batch?.accounting.currency ?? 'USD',
        totalCost: batch ? batch.accounting.cost : null,
        totalTokens: usage.reduce((total, row) => total + row.promptTokens + row.completionTokens, 0),
        wall: this.#firstStart && this.#lastEnd && seconds !== null ? { startedAt: this.#firstStart, endedAt: this.#lastEnd, seconds } : null,
        trajectoriesPerMinute: seconds && seconds > 0 ? (summary.trajectories / seconds) * 60 : null,
        meanDurationMs: summary.meanDurationMs,
      },
      funnel: buildAcceptanceFunnel(batch, options.blueprints),
      reasons: this.#reasons,
      distributions: { turns: this.#distributions.turns.result(), toolCalls: this.#distributions.toolCalls.result(), userTurns: this.#distributions.userTurns.result() },
      blueprints: { rows: embedded, total: rows.length, csvFile: embedded.length < rows.length ? options.csvFile : null },
      trajectories: { total: views.length, pageSize: options.pageSize, pages: pages.length, pageFile: pages.length > 1 ? options.pageFile : null, failedJobs },
      systemPrompts: [...this.#systemPrompts.keys()],
      firstPage: pages[0] as TrajectoryPage,
    };
    return { data, otherPages: pages.slice(1), allRows: embedded.length < rows.length ? rows : undefined };
  }

  #sharePrompt(text: string): number {
    let index = this.#systemPrompts.get(text);
    if (index === undefined) {
      index = this.#systemPrompts.size;
      this.#systemPrompts.set(text, index);
    }
    return index;
  }

  /** Jobs whose latest failure record has no graded trajectory, and old trajectories that ended as failed jobs. */
  #failedJobRows(): FailedJobRow[] {
    const rows = new Map(this.#failedTrajectories);
    for (const [jobId, line] of this.#options.failedJobs) {
      if (this.#graded.has(jobId)) continue;
      rows.set(jobId, { jobId, blueprintId: line.blueprintId, attempt: line.attempt, reason: line.termination.reason, ...(line.termination.detail ? { detail: line.termination.detail } : {}), ...(line.role ? { role: line.role } : {}), ...(line.model ? { model: line.model } : {}) });
    }
    return [...rows.values()];
  }
}
