import { acceptanceRates, type AcceptanceReport } from '../acceptance-rates.ts';
import type { GenerationValidation } from './blueprint-validator.ts';

/** What a batch of generated (or recombined) blueprints came to. */
export interface BatchReport {
  attempted: number;
  accepted: number;
  /** Attempts where the generator never gave a usable reply: no draft was made. */
  unusableReplies: number;
  /** Rejected drafts by the stage that failed in their final round. */
  rejectedByStage: Record<string, number>;
  /** Acceptance per stage and per round over the drafts that were validated. */
  acceptance: AcceptanceReport;
}

export function batchReport(results: readonly { validation?: GenerationValidation; problem?: string }[]): BatchReport {
  const validations = results.flatMap((result) => (result.validation ? [result.validation] : []));
  const rejectedByStage: Record<string, number> = {};
  for (const validation of validations) {
    if (validation.accepted) continue;
    const stage = validation.failedStage ?? validation.history.at(-1)?.checks.find((check) => !check.passed && !check.skipped)?.stage ?? 'unknown';
    rejectedByStage[stage] = (rejectedByStage[stage] ?? 0) + 1;
  }
  return {
    attempted: results.length,
    accepted: validations.filter((validation) => validation.accepted).length,
    unusableReplies: results.length - validations.length,
    rejectedByStage,
    acceptance: acceptanceRates(validations),
  };
}

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

/** The report as lines of text: totals, rejections by stage, pass rate per stage, acceptance per round. */
export function formatBatchReport(report: BatchReport): string {
  const rejected = Object.entries(report.rejectedByStage).map(([stage, count]) => `${stage} ${count}`);
  const lines = [
    `accepted ${report.accepted} of ${report.attempted}` +
      (report.unusableReplies > 0 ? `; ${report.unusableReplies} without a usable generator reply` : '') +
      (rejected.length > 0 ? `; rejected at ${rejected.join(', ')}` : ''),
    'pass rate per stage (over every validation round):',
    ...report.acceptance.byStage.map((stage) => `  ${stage.stage.padEnd(10)} ${stage.reached === 0 ? (stage.skipped > 0 ? `skipped (${stage.skipped})` : 'not reached') : `${percent(stage.rate)} (${stage.passed}/${stage.reached})`}`),
    'accepted by round:',
    ...report.acceptance.byRound.map((round) => `  round ${round.round}: +${round.acceptedInRound}, ${round.acceptedByRound} in all (${percent(round.rate)})`),
  ];
  return `${lines.join('\n')}\n`;
}
