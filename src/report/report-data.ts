import type { ChatMessage } from '../models/index.ts';
import type { TrajectoryDiagnostics } from '../rollout/diagnostics/index.ts';
import type { Verdict } from '../rollout/verdict.ts';

/** The version of the data a report embeds (the browser script reads it); bumped on any incompatible change. */
export const REPORT_DATA_SCHEMA_VERSION = 1;

/** Min, mean and max of a count, with its histogram (value -> how many). */
export interface Distribution {
  count: number;
  min: number | null;
  mean: number | null;
  max: number | null;
  histogram: [value: number, count: number][];
}

/** Tokens and cost of one model in one role. `cost` is null when nothing priced it (runs without a batch report). */
export interface UsageRow {
  role: string;
  model: string;
  calls: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  cost: number | null;
}

export interface Headline {
  trajectories: number;
  kept: number;
  rejected: number;
  failedJobs: number;
  /** Failed jobs by termination reason ("N jobs failed: reason"). */
  failedByReason: Record<string, number>;
  /** Jobs the run planned (accepted blueprints x trials), when its settings say. */
  plannedJobs: number | null;
  blueprints: number;
  blueprintsSolved: number;
  passHatK: { k: number; value: number }[];
  usage: UsageRow[];
  currency: string;
  totalCost: number | null;
  totalTokens: number;
  /** From the first rollout's start to the last one's end. */
  wall: { startedAt: string; endedAt: string; seconds: number } | null;
  trajectoriesPerMinute: number | null;
  meanDurationMs: number;
}

/** Phase 1 of a batch: blueprints through the validation stages, and acceptance per refinement round. */
export interface AcceptanceFunnel {
  total: number;
  /** Blueprints still in after each stage (the committee is `skipped` when no reviewer ran). */
  stages: { stage: string; entered: number; passed: number; skipped: boolean }[];
  accepted: number;
  /** Rejected because validation did not finish (a model call failed): not counted at any stage. */
  unfinished: number;
  rounds: { round: number; acceptedInRound: number; acceptedByRound: number; rate: number }[];
  /** Share accepted in round 0 (without feedback) and in the end (with feedback). */
  withoutFeedback: number;
  withFeedback: number;
}

/** One row of the blueprint table. Its trajectories are `count` consecutive ones from `start` (in page order). */
export interface BlueprintRow {
  id: string;
  trials: number;
  kept: number;
  passHat1: number;
  /** pass^k at k = its trials. */
  passHatK: number;
  mostCommonFailure: string | null;
  /** The commonest attribution of its rejections (agent, human, environment, blueprint). */
  mostCommonParty: string | null;
  start: number;
  count: number;
}

/** What the trajectory view shows: the conversation, the verdict, and the diagnostics of a rejection. */
export interface TrajectoryView {
  id: string;
  blueprintId: string;
  attempt: number;
  models: { human: string; agent: string };
  termination: { reason: string; detail?: string };
  stats: { turns: number; toolCalls: number; userTurns: number };
  durationMs: number;
  /** The first (system) message's content is in `ReportData.systemPrompts[systemPrompt]` when set. */
  messages: ChatMessage[];
  systemPrompt?: number;
  verdict: Verdict;
  /** Absent when the blueprint (or the data it ran on) is not available. */
  diagnostics?: TrajectoryDiagnostics;
}

export interface TrajectoryPage {
  number: number;
  /** Index of its first trajectory in page order. */
  start: number;
  trajectories: TrajectoryView[];
}

export interface ReportData {
  schemaVersion: typeof REPORT_DATA_SCHEMA_VERSION;
  run: { id: string; domain: string; createdAt: string; codeVersion: string; models: Record<string, string> };
  /** What people should know about how the report was made (re-graded or not, what was left out). */
  notes: string[];
  headline: Headline;
  funnel: AcceptanceFunnel | null;
  reasons: { terminations: Record<string, number>; rejections: Record<string, number>; attribution: Record<string, number>; attributionRules: Record<string, number> };
  /** Per kept trajectory (APIGen-MT's statistics). */
  distributions: { turns: Distribution; toolCalls: Distribution; userTurns: Distribution };
  blueprints: { rows: BlueprintRow[]; total: number; csvFile: string | null };
  trajectories: { total: number; pageSize: number; pages: number; /** Relative to the HTML file; `{n}` is the page number. */ pageFile: string | null; failedJobs: FailedJobRow[] };
  /** The system prompts the trajectories share (each stored once). */
  systemPrompts: string[];
  /** Page 1, always embedded. */
  firstPage: TrajectoryPage;
}

/** A failed job as the report lists it. */
export interface FailedJobRow {
  jobId: string;
  blueprintId: string;
  attempt: number;
  reason: string;
  detail?: string;
  role?: string;
  model?: string;
}
