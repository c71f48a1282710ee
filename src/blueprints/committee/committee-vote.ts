import { reviewCriteria, type CommitteeReview, type ReviewCriterion, type StageResult } from '../validation-result.ts';

/** The committee accepts only when all four criteria pass, unless told otherwise. */
export const DEFAULT_COMMITTEE_THRESHOLD = reviewCriteria.length;

/** Throws unless `threshold` is a whole number of criteria from 1 to 4. */
export function assertThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > reviewCriteria.length) {
    throw new RangeError(`the committee threshold must be a whole number from 1 to ${reviewCriteria.length}, got ${threshold}`);
  }
}

/** How the voting reviewers scored one criterion. */
export interface CriterionTally {
  yes: number;
  no: number;
  passed: boolean;
}

export interface CommitteeVote {
  accepted: boolean;
  /** False when every reviewer abstained: there was no vote at all. */
  quorum: boolean;
  voters: number;
  abstentions: number;
  criteria: Record<ReviewCriterion, CriterionTally>;
  passedCriteria: number;
  threshold: number;
}

/**
 * The vote. Abstentions (reviewers that never answered in the review shape) are left out entirely:
 * they count neither for nor against. Each criterion passes on a strict majority of the reviewers
 * that did vote (yes > voters / 2), so a tie fails the criterion. The committee accepts when the
 * number of passed criteria reaches `threshold`. With no voter left there is no quorum and the
 * committee fails, whatever the threshold.
 */
export function tallyVotes(reviews: readonly CommitteeReview[], threshold: number = DEFAULT_COMMITTEE_THRESHOLD): CommitteeVote {
  assertThreshold(threshold);
  const replies = reviews.flatMap((review) => (!review.abstained && review.reply ? [review.reply] : []));
  const voters = replies.length;
  const criteria = Object.fromEntries(
    reviewCriteria.map((criterion) => {
      const yes = replies.filter((reply) => reply[criterion] === 1).length;
      return [criterion, { yes, no: voters - yes, passed: yes * 2 > voters }];
    }),
  ) as Record<ReviewCriterion, CriterionTally>;
  const passedCriteria = reviewCriteria.filter((criterion) => criteria[criterion].passed).length;
  const quorum = voters > 0;
  return { accepted: quorum && passedCriteria >= threshold, quorum, voters, abstentions: reviews.length - voters, criteria, passedCriteria, threshold };
}

/** The committee stage result of a vote; problems name each failed criterion with its count. */
export function committeeStageResult(vote: CommitteeVote, reviews: readonly CommitteeReview[]): StageResult {
  const problems: string[] = [];
  if (!vote.quorum) {
    problems.push(`no quorum: all ${reviews.length} reviewer${reviews.length === 1 ? '' : 's'} abstained`);
    for (const review of reviews) problems.push(`${review.reviewer} abstained after ${review.attempts} attempt${review.attempts === 1 ? '' : 's'}: ${review.problem ?? 'no usable review'}`);
  } else if (!vote.accepted) {
    for (const criterion of reviewCriteria) {
      const tally = vote.criteria[criterion];
      if (tally.passed) continue;
      const tie = tally.yes === tally.no ? ' (a tie fails)' : '';
      problems.push(`${criterion}: ${tally.yes} of ${vote.voters} voting reviewers gave 1${tie}`);
    }
    problems.push(`${vote.passedCriteria} of ${reviewCriteria.length} criteria passed, ${vote.threshold} needed`);
  }
  return {
    stage: 'committee',
    passed: vote.accepted,
    problems,
    details: { voters: vote.voters, abstentions: vote.abstentions, criteria: vote.criteria, passedCriteria: vote.passedCriteria, threshold: vote.threshold },
  };
}
