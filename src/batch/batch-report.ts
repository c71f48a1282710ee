import { z } from 'zod';
import { stageNameSchema } from '../blueprints/validation-result.ts';
import type { RunSummary } from '../rollout/run-summary.ts';
import { roleNameSchema } from '../rollout/trajectory.ts';
import type { BatchStop } from './batch-events.ts';
import type { PhaseOneResult } from './pipeline-machine.ts';
import { blueprintVerdictStatuses } from './validate-blueprints.ts';
import { ledgerLineSchema, type LedgerLine } from './usage-ledger.ts';

export const BATCH_REPORT_SCHEMA_VERSION = 1;

const verdictSchema = z.object({
  blueprintId: z.string(),
  status: z.enum(blueprintVerdictStatuses),
  failedStage: stageNameSchema.optional(),
  problems: z.array(z.string()),
});

const stopSchema = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('max-cost'), spent: z.number(), limit: z.number(), notStarted: z.number().int() }),
  z.object({ reason: z.literal('aborted'), notStarted: z.number().int() }),
  z.object({ reason: z.literal('endpoint-rejected'), role: roleNameSchema.optional(), model: z.string().optional(), detail: z.string().optional(), notStarted: z.number().int() }),
  z.object({ reason: z.literal('max-failed-jobs'), failed: z.number().int(), limit: z.number().int(), notStarted: z.number().int() }),
]);

/**
 * What `interplay generate` keeps in the run manifest's `batch` field: phase 1's verdicts (present once
 * phase 1 has ended: a resumed run does not validate again), the accounting of every session, and the
 * summary of the trajectories as of the last update.
 */
export const batchReportSchema = z.object({
  schemaVersion: z.literal(BATCH_REPORT_SCHEMA_VERSION),
  updatedAt: z.iso.datetime(),
  validation: z.object({ verdicts: z.array(verdictSchema) }).optional(),
  accounting: z.object({
    /** The currency of the price table (its prices are per 1M tokens). */
    currency: z.string(),
    cost: z.number().nonnegative(),
    tokens: z.number().int().nonnegative(),
    lines: z.array(ledgerLineSchema),
    /** Models with no price in the table: their calls are counted at 0. */
    unpriced: z.array(z.string()),
  }),
  summary: z
    .object({
      trajectories: z.number().int(),
      kept: z.number().int(),
      acceptanceRate: z.number(),
      blueprints: z.number().int(),
      blueprintsSolved: z.number().int(),
      rejected: z.record(z.string(), z.number()),
      terminations: z.record(z.string(), z.number()),
      passHatK: z.record(z.string(), z.number()),
      tokens: z.record(z.string(), z.object({ calls: z.number(), promptTokens: z.number(), completionTokens: z.number() })),
      meanDurationMs: z.number(),
      /** Jobs failed now, by ending (not trajectories: in no rate). Absent in reports written before. */
      failedJobs: z.record(z.string(), z.object({ count: z.number().int(), first: z.string() })).optional(),
    })
    .optional(),
  stopped: stopSchema.optional(),
});
export type BatchReport = z.infer<typeof batchReportSchema>;

/** The stored report of a run, or undefined when it has none (or an unreadable one: it is then rebuilt). */
export function readBatchReport(raw: unknown): BatchReport | undefined {
  const parsed = batchReportSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export interface BatchReportParts {
  at: Date;
  currency?: string;
  validation?: PhaseOneResult['verdicts'];
  lines: readonly LedgerLine[];
  summary?: RunSummary;
  stopped?: BatchStop;
}

export function buildBatchReport(parts: BatchReportParts): BatchReport {
  const cost = parts.lines.reduce((total, line) => total + line.cost, 0);
  const tokens = parts.lines.reduce((total, line) => total + line.promptTokens + line.completionTokens, 0);
  const unpriced = [...new Set(parts.lines.filter((line) => !line.priced).map((line) => line.priceName))].sort();
  const report: BatchReport = {
    schemaVersion: BATCH_REPORT_SCHEMA_VERSION,
    updatedAt: parts.at.toISOString(),
    accounting: { currency: parts.currency ?? 'USD', cost, tokens, lines: parts.lines.map((line) => ({ ...line })), unpriced },
  };
  if (parts.validation) report.validation = { verdicts: parts.validation.map((verdict) => ({ ...verdict, problems: [...verdict.problems] })) };
  if (parts.summary) {
    const { summary } = parts;
    report.summary = {
      trajectories: summary.trajectories,
      kept: summary.kept,
      acceptanceRate: summary.trajectories > 0 ? summary.kept / summary.trajectories : 0,
      blueprints: summary.blueprints,
      blueprintsSolved: summary.blueprintsSolved,
      rejected: { ...summary.rejected } as Record<string, number>,
      terminations: { ...summary.terminations } as Record<string, number>,
      passHatK: Object.fromEntries(Object.entries(summary.passHatK).map(([k, value]) => [String(k), value])),
      tokens: structuredClone(summary.tokens) as Record<string, { calls: number; promptTokens: number; completionTokens: number }>,
      meanDurationMs: summary.meanDurationMs,
      failedJobs: structuredClone(summary.failedJobs) as Record<string, { count: number; first: string }>,
    };
  }
  if (parts.stopped) report.stopped = parts.stopped;
  return report;
}
