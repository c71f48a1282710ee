import type { ValidationOutcome } from './validate-blueprint.ts';
import { stageNames, type StageName } from './validation-result.ts';

/** How often one stage passed, over every round of every blueprint that reached it. */
export interface StageRate {
  stage: StageName;
  /** Rounds in which the stage ran. */
  reached: number;
  passed: number;
  /** Rounds in which it was skipped (the committee offline). */
  skipped: number;
  /** passed / reached; null when no round reached it. */
  rate: number | null;
}

/** How many blueprints were accepted in round `round`, and the share accepted by then. */
export interface RoundRate {
  round: number;
  acceptedInRound: number;
  acceptedByRound: number;
  /** acceptedByRound / total. */
  rate: number;
}

export interface AcceptanceReport {
  total: number;
  accepted: number;
  /** accepted / total (0 with no outcomes). */
  rate: number;
  /** The share accepted in round 0: the rate without the feedback loop (28% in the paper). */
  withoutFeedback: number;
  /** The final share, revisions included (70% in the paper). */
  withFeedback: number;
  byStage: StageRate[];
  byRound: RoundRate[];
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** Acceptance rates per stage and per round over many validation outcomes (pure). */
export function acceptanceRates(outcomes: readonly Pick<ValidationOutcome, 'accepted' | 'history'>[]): AcceptanceReport {
  const total = outcomes.length;
  const byStage: StageRate[] = stageNames.map((stage) => {
    let reached = 0;
    let passed = 0;
    let skipped = 0;
    for (const outcome of outcomes) {
      for (const round of outcome.history) {
        const check = round.checks.find((result) => result.stage === stage);
        if (!check) continue;
        if (check.skipped) skipped++;
        else {
          reached++;
          if (check.passed) passed++;
        }
      }
    }
    return { stage, reached, passed, skipped, rate: reached === 0 ? null : passed / reached };
  });
  const rounds = Math.max(0, ...outcomes.map((outcome) => outcome.history.length));
  const byRound: RoundRate[] = [];
  let acceptedByRound = 0;
  for (let round = 0; round < rounds; round++) {
    const acceptedInRound = outcomes.filter((outcome) => outcome.accepted && outcome.history.length - 1 === round).length;
    acceptedByRound += acceptedInRound;
    byRound.push({ round, acceptedInRound, acceptedByRound, rate: share(acceptedByRound, total) });
  }
  const accepted = outcomes.filter((outcome) => outcome.accepted).length;
  return { total, accepted, rate: share(accepted, total), withoutFeedback: byRound[0]?.rate ?? 0, withFeedback: share(accepted, total), byStage, byRound };
}
