import { acceptanceRates } from '../blueprints/acceptance-rates.ts';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { stageNames } from '../blueprints/validation-result.ts';
import type { BatchReport } from '../batch/batch-report.ts';
import type { AcceptanceFunnel } from './report-data.ts';

/**
 * Phase 1 as a funnel, from a batch's stored verdicts: every blueprint enters the format check, and each
 * stage keeps those it did not reject. The committee counts as skipped when no accepted blueprint's checks
 * ran it (offline). Acceptance per round comes from the accepted blueprints' validation history (the run's
 * inputs); rejected blueprints count in the total only. Null when the run has no phase-1 results. Pure.
 */
export function buildAcceptanceFunnel(batch: BatchReport | undefined, accepted: readonly Blueprint[]): AcceptanceFunnel | null {
  const verdicts = batch?.validation?.verdicts;
  if (!verdicts) return null;
  const total = verdicts.length;
  const unfinished = verdicts.filter((verdict) => verdict.status === 'rejected' && !verdict.failedStage).length;
  const committeeRan = accepted.some((blueprint) => blueprint.checks?.some((check) => check.stage === 'committee' && !check.skipped)) || verdicts.some((verdict) => verdict.failedStage === 'committee');
  let entered = total - unfinished;
  const stages = stageNames.map((stage) => {
    const skipped = stage === 'committee' && !committeeRan;
    const passed = entered - verdicts.filter((verdict) => verdict.failedStage === stage).length;
    const row = { stage, entered, passed, skipped };
    entered = passed;
    return row;
  });
  const acceptedIds = new Set(verdicts.filter((verdict) => verdict.status !== 'rejected').map((verdict) => verdict.blueprintId));
  const histories = new Map(accepted.map((blueprint) => [blueprint.id, blueprint.history ?? []]));
  // A blueprint accepted without a stored history (approved, or validated before histories were kept) counts as round 0.
  const outcomes = verdicts.map((verdict) => {
    const isAccepted = acceptedIds.has(verdict.blueprintId);
    const history = histories.get(verdict.blueprintId) ?? [];
    return { accepted: isAccepted, history: isAccepted && history.length === 0 ? [{ round: 0, instruction: '', actions: [], outputs: [], checks: [] }] : history };
  });
  const rates = acceptanceRates(outcomes);
  return { total, stages, accepted: acceptedIds.size, unfinished, rounds: rates.byRound, withoutFeedback: rates.withoutFeedback, withFeedback: rates.withFeedback };
}
