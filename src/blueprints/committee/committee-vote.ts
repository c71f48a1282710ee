import { reviewCriteria, type CommitteeReview, type ReviewCriterion, type StageResult } from '../validation-result.ts';

/** The committee accepts only when all four criteria pass, unless told otherwise. */
export const DEFAULT_COMMITTEE_THRESHOLD = reviewCriteria.length;

/** Throws unless `threshold` is a whole number of criteria from 1 to 4. */
export function assertThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > reviewCriteria.length) {
    throw new RangeError(`the committee threshold must be a whole number from 1 to ${reviewCriteria.length}, got ${threshold}`);
  }
}

/** The default quorum: a strict majority of the committee (2 of 3, 3 of 4, 1 of 1). */
export const majorityOf = (committeeSize: number): number => Math.floor(committeeSize / 2) + 1;

/** Throws unless `minVoters` is a whole number from 1 to the committee's size. */
export function assertMinVoters(minVoters: number, committeeSize: number): void {
  if (!Number.isInteger(minVoters) || minVoters < 1 || minVoters > committeeSize) {
    throw new RangeError(`the minimum number of voters must be a whole number from 1 to the committee's size (${committeeSize}), got ${minVoters}`);
  }
}

/** How the voting reviewers scored one criterion. */
export interface CriterionTally {
  yes: number;
  no: number;
  passed: boolean;
}

/**
 * What the committee decided. `no-quorum`: fewer reviewers voted than the quorum needs, so there is no
 * decision either way (the blueprint is then `undecided`, or `unfinished` when reviewer failures are to
 * blame: see `quorumDeniedByFailures`).
 */
export type CommitteeDecision = 'accepted' | 'rejected' | 'no-quorum';

export interface CommitteeVote {
  decision: CommitteeDecision;
  accepted: boolean;
  /** False when fewer reviewers voted than `minVoters`: there was no vote that counts. */
  quorum: boolean;
  voters: number;
  /** Reviewers that did not vote: unusable replies and failed calls. */
  abstentions: number;
  /** Of the abstentions, the reviewers whose calls failed (outage, timeout) rather than their replies. */
  failures: number;
  /** How many voters the quorum needs. */
  minVoters: number;
  criteria: Record<ReviewCriterion, CriterionTally>;
  passedCriteria: number;
  threshold: number;
}

/**
 * The vote. Abstentions (reviewers that never answered in the review shape, or whose calls kept failing)
 * are left out entirely: they count neither for nor against. The vote counts only with a quorum: at
 * least `minVoters` voters (default: a majority of the committee), so one voter of three can neither
 * approve nor reject. Each criterion passes on a strict majority of the voters (yes > voters / 2), so a
 * tie fails the criterion. The committee accepts when the number of passed criteria reaches `threshold`.
 */
export function tallyVotes(reviews: readonly CommitteeReview[], threshold: number = DEFAULT_COMMITTEE_THRESHOLD, minVoters: number = majorityOf(reviews.length)): CommitteeVote {
  assertThreshold(threshold);
  if (reviews.length > 0) assertMinVoters(minVoters, reviews.length);
  const replies = reviews.flatMap((review) => (!review.abstained && review.reply ? [review.reply] : []));
  const voters = replies.length;
  const criteria = Object.fromEntries(
    reviewCriteria.map((criterion) => {
      const yes = replies.filter((reply) => reply[criterion] === 1).length;
      return [criterion, { yes, no: voters - yes, passed: yes * 2 > voters }];
    }),
  ) as Record<ReviewCriterion, CriterionTally>;
  const passedCriteria = reviewCriteria.filter((criterion) => criteria[criterion].passed).length;
  const quorum = voters > 0 && voters >= minVoters;
  const accepted = quorum && passedCriteria >= threshold;
  return {
    decision: !quorum ? 'no-quorum' : accepted ? 'accepted' : 'rejected',
    accepted,
    quorum,
    voters,
    abstentions: reviews.length - voters,
    failures: reviews.filter((review) => review.failed === true).length,
    minVoters,
    criteria,
    passedCriteria,
    threshold,
  };
}

/**
 * Whether the world, not the reviewers, kept the committee from a quorum: had the reviewers whose
 * calls failed voted, there would have been one. Such a validation did not finish (it is retried later);
 * a quorum missed through unusable replies is the committee's own `undecided`.
 */
export const quorumDeniedByFailures = (vote: CommitteeVote): boolean => !vote.quorum && vote.failures > 0 && vote.voters + vote.failures >= vote.minVoters;

const reviewers = (count: number) => `${count} reviewer${count === 1 ? '' : 's'}`;

/** Why one reviewer did not vote, as a problem line. */
const abstentionLine = (review: CommitteeReview) =>
  `${review.reviewer} ${review.failed ? 'failed' : 'abstained'} after ${review.attempts} attempt${review.attempts === 1 ? '' : 's'}: ${review.problem ?? 'no usable review'}`;

/** The committee stage result of a vote; problems name each failed criterion with its count. */
export function committeeStageResult(vote: CommitteeVote, reviews: readonly CommitteeReview[]): StageResult {
  const problems: string[] = [];
  if (!vote.quorum) {
    problems.push(
      vote.voters === 0
        ? `no quorum: all ${reviewers(reviews.length)} abstained`
        : `no quorum: ${vote.voters} of ${reviewers(reviews.length)} voted, ${vote.minVoters} needed`,
    );
    for (const review of reviews) if (review.abstained) problems.push(abstentionLine(review));
  } else if (!vote.accepted) {
    for (const criterion of reviewCriteria) {
      const tally = vote.criteria[criterion];
      if (tally.passed) continue;
      const tie = tally.yes === tally.no ? ' (a tie fails)' : '';
      problems.push(`${criterion}: ${tally.yes} of ${vote.voters} voting reviewers gave 1${tie}`);
    }
    problems.push(`${vote.passedCriteria} of ${reviewCriteria.length} criteria passed, ${vote.threshold} needed`);
  }
  // With a quorum, a reviewer that did not vote is no problem of the blueprint's (feedback never sees it),
  // but the user is told why, in the server's own words (a vLLM 400, an outage).
  const warnings = vote.quorum ? reviews.filter((review) => review.abstained).map(abstentionLine) : [];
  return {
    stage: 'committee',
    passed: vote.accepted,
    problems,
    ...(warnings.length > 0 ? { warnings } : {}),
    details: {
      decision: vote.decision,
      voters: vote.voters,
      abstentions: vote.abstentions,
      failures: vote.failures,
      minVoters: vote.minVoters,
      criteria: vote.criteria,
      passedCriteria: vote.passedCriteria,
      threshold: vote.threshold,
    },
  };
}
