import { formatSummary, type RunSummary } from '../rollout/run-summary.ts';
import type { BatchProgress, BatchStop } from './batch-events.ts';
import type { BatchReport } from './batch-report.ts';
import type { PhaseOneResult } from './pipeline-machine.ts';
import type { LedgerLine } from './usage-ledger.ts';

const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const compact = (value: number) => (value >= 1_000_000 ? `${(value / 1_000_000).toFixed(1)}M` : value >= 1_000 ? `${(value / 1_000).toFixed(1)}k` : String(Math.round(value)));
/** Money with enough digits to show small spends (0.0042), never in scientific notation. */
export const formatCost = (value: number, currency = 'USD') => `${currency === 'USD' ? '$' : `${currency} `}${value >= 1 ? value.toFixed(2) : value.toFixed(4)}`;

/** One plain progress line for pipes and CI logs. */
export function formatProgress(progress: BatchProgress, currency = 'USD'): string {
  const seconds = (progress.elapsedMs / 1000).toFixed(1);
  const parts = [
    `${progress.done}/${progress.total} done`,
    `kept ${progress.kept}`,
    `rejected ${progress.rejected}`,
    `errors ${progress.errors}`,
    ...(progress.failed ? [`failed jobs ${progress.failed}`] : []),
    `running ${progress.running}`,
    `${compact(progress.tokens)} tokens`,
    formatCost(progress.cost, currency),
  ];
  return `[${seconds.padStart(7)}s] ${parts.join(' · ')}`;
}

/**
 * "N blueprints not validated: reason" for the blueprints whose validation did not finish (the world's
 * fault: an outage, a timeout), with the first reason given; null when there are none.
 */
export function notValidatedLine(unfinished: readonly { problems: readonly string[] }[]): string | null {
  if (unfinished.length === 0) return null;
  const reason = (unfinished[0]?.problems[0] ?? 'validation did not finish').replace(/^validation did not finish: /, '');
  return `${unfinished.length} blueprint${unfinished.length === 1 ? '' : 's'} not validated: ${reason}`;
}

/**
 * Phase 1 in a few lines: the counts, each rejected blueprint with its stage and first problem, the
 * undecided ones (no quorum), and those whose validation did not finish (never counted as rejected).
 */
export function formatValidation(verdicts: PhaseOneResult['verdicts']): string {
  const count = (status: string) => verdicts.filter((verdict) => verdict.status === status).length;
  const undecided = count('undecided');
  const unfinished = verdicts.filter((verdict) => verdict.status === 'unfinished');
  const lines = [
    `blueprints: ${verdicts.length} checked — ${count('validated')} validated, ${count('approved')} approved, ${count('rejected')} rejected (left out)` +
      `${undecided > 0 ? `, ${undecided} undecided (no quorum, left out)` : ''}${unfinished.length > 0 ? `, ${unfinished.length} not validated (--resume validates them again)` : ''}`,
  ];
  const firstProblem = (verdict: PhaseOneResult['verdicts'][number]) => `${verdict.problems[0] ?? 'no detail'}${verdict.problems.length > 1 ? ` (+${verdict.problems.length - 1} more)` : ''}`;
  for (const verdict of verdicts.filter((item) => item.status === 'rejected')) {
    lines.push(`  rejected ${verdict.blueprintId}${verdict.failedStage ? ` at ${verdict.failedStage}` : ''}: ${firstProblem(verdict)}`);
  }
  for (const verdict of verdicts.filter((item) => item.status === 'undecided')) lines.push(`  undecided ${verdict.blueprintId}: ${firstProblem(verdict)}`);
  const notValidated = notValidatedLine(unfinished);
  if (notValidated) lines.push(notValidated);
  return lines.join('\n');
}

function describeLine(line: Omit<LedgerLine, 'role' | 'model' | 'priceName' | 'priced'>, currency: string, priced: boolean): string {
  const cached = line.cachedCalls > 0 ? ` (+${line.cachedCalls} from cache)` : '';
  return `${line.calls} calls${cached}, ${grouped(line.promptTokens)} prompt + ${grouped(line.completionTokens)} completion tokens, ${priced ? formatCost(line.cost, currency) : 'no price'}`;
}

/** Tokens and cost per role and per model, the total, and the models without a price. */
export function formatAccounting(accounting: BatchReport['accounting']): string {
  const { lines, currency } = accounting;
  if (lines.length === 0) return 'model spend: none (no model was called)';
  const out = ['model spend by role:'];
  for (const line of [...lines].sort((a, b) => a.role.localeCompare(b.role) || a.model.localeCompare(b.model))) {
    out.push(`  ${line.role.padEnd(9)} ${line.model}: ${describeLine(line, currency, line.priced)}`);
  }
  const byModel = new Map<string, { calls: number; cachedCalls: number; promptTokens: number; completionTokens: number; cost: number; priced: boolean }>();
  for (const line of lines) {
    const total = byModel.get(line.model) ?? { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, cost: 0, priced: line.priced };
    total.calls += line.calls;
    total.cachedCalls += line.cachedCalls;
    total.promptTokens += line.promptTokens;
    total.completionTokens += line.completionTokens;
    total.cost += line.cost;
    byModel.set(line.model, total);
  }
  out.push('model spend by model:');
  for (const [model, total] of [...byModel].sort(([a], [b]) => a.localeCompare(b))) out.push(`  ${model}: ${describeLine(total, currency, total.priced)}`);
  out.push(`total: ${grouped(accounting.tokens)} tokens, ${formatCost(accounting.cost, currency)}`);
  if (accounting.unpriced.length > 0) out.push(`no price (counted as 0; add them with --prices <file>): ${accounting.unpriced.join(', ')}`);
  return out.join('\n');
}

export function formatStop(stop: BatchStop, currency = 'USD'): string {
  if (stop.reason === 'max-cost') {
    return `stopped starting jobs: the spend ${formatCost(stop.spent, currency)} reached --max-cost ${formatCost(stop.limit, currency)}; ${stop.notStarted} job(s) not started (running ones finished). Resume with --resume and a higher --max-cost.`;
  }
  if (stop.reason === 'endpoint-rejected') {
    return `stopped: the ${stop.role ?? 'model'} endpoint rejected the request${stop.model ? ` for ${stop.model}` : ''}${stop.detail ? ` (${stop.detail})` : ''}; running jobs were cancelled (failed jobs), ${stop.notStarted} job(s) not started. Fix the key or model name, then --resume.`;
  }
  if (stop.reason === 'max-failed-jobs') {
    return `stopped starting jobs: ${stop.failed} job(s) failed in this session (--max-failed-jobs ${stop.limit}); ${stop.notStarted} job(s) not started (running ones finished). Resume with --resume once the endpoint is back.`;
  }
  return `cancelled: ${stop.notStarted} job(s) not started; running ones were cut short (failed jobs, not graded). Resume with --resume.`;
}

/** The end-of-run summary: phase 1, the trajectories (acceptance, reasons, endings, pass^k), time per rollout, spend. */
export function formatBatchReport(report: BatchReport, summary: RunSummary): string {
  const sections: string[] = [];
  if (report.validation) sections.push(formatValidation(report.validation.verdicts));
  sections.push(formatSummary(summary));
  sections.push(`time per rollout: ${summary.meanDurationMs.toFixed(0)} ms (mean)`);
  sections.push(formatAccounting(report.accounting));
  if (report.stopped) sections.push(formatStop(report.stopped, report.accounting.currency));
  return sections.join('\n');
}
