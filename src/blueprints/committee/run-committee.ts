import type { ChatModel, ChatResponse } from '../../models/index.ts';
import type { CommitteeReview, StageResult } from '../validation-result.ts';
import { askReviewer } from './ask-reviewer.ts';
import { assertMinVoters, committeeStageResult, majorityOf, tallyVotes, type CommitteeVote } from './committee-vote.ts';
import { reviewPrompt, type ReviewSubject } from './review-prompt.ts';

/** Unparseable replies are retried once more by default (with the parse problem told to the model). */
export const DEFAULT_PARSE_RETRIES = 1;

/** A reviewer's failed call is made twice more by default, beyond the transport's own retries. */
export const DEFAULT_FAILURE_RETRIES = 2;

export interface CommitteeOptions {
  reviewers: readonly ChatModel[];
  threshold: number;
  /** Voters needed for the vote to count (default: a majority of the committee). */
  minVoters?: number;
  parseRetries?: number;
  failureRetries?: number;
  signal?: AbortSignal;
}

export interface CommitteeOutcome {
  result: StageResult;
  reviews: CommitteeReview[];
  vote: CommitteeVote;
  /** Every model response, retries included (for usage accounting). */
  responses: ChatResponse[];
}

/**
 * Stage 4: every reviewer reviews the blueprint at once, then the committee votes. A reviewer whose
 * calls keep failing abstains (`failed`) and the others' votes still count; the vote needs a quorum of
 * `minVoters`. Only an endpoint that refuses the caller (401/403/404) or a cancellation ends the
 * committee: the other reviewers' calls are then cancelled and the error propagates (no verdict).
 */
export async function runCommittee(subject: ReviewSubject, options: CommitteeOptions): Promise<CommitteeOutcome> {
  if (options.reviewers.length === 0) throw new RangeError('the committee needs at least one reviewer');
  const minVoters = options.minVoters ?? majorityOf(options.reviewers.length);
  assertMinVoters(minVoters, options.reviewers.length);
  const prompt = reviewPrompt(subject);
  const local = new AbortController();
  const forward = () => local.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  if (options.signal?.aborted) forward();
  try {
    const answers = await Promise.all(
      options.reviewers.map((reviewer, index) =>
        askReviewer(reviewer, prompt, {
          parseRetries: options.parseRetries ?? DEFAULT_PARSE_RETRIES,
          failureRetries: options.failureRetries ?? DEFAULT_FAILURE_RETRIES,
          index,
          signal: local.signal,
        }).catch((error: unknown) => {
          local.abort(error);
          throw error;
        }),
      ),
    );
    const reviews = answers.map((answer) => answer.review);
    const vote = tallyVotes(reviews, options.threshold, minVoters);
    return { result: committeeStageResult(vote, reviews), reviews, vote, responses: answers.flatMap((answer) => answer.responses) };
  } finally {
    options.signal?.removeEventListener('abort', forward);
  }
}
