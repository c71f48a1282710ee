import type { ChatModel, ChatResponse } from '../../models/index.ts';
import type { CommitteeReview, StageResult } from '../validation-result.ts';
import { askReviewer } from './ask-reviewer.ts';
import { committeeStageResult, tallyVotes, type CommitteeVote } from './committee-vote.ts';
import { reviewPrompt, type ReviewSubject } from './review-prompt.ts';

/** Unparseable replies are retried once more by default (with the parse problem told to the model). */
export const DEFAULT_PARSE_RETRIES = 1;

export interface CommitteeOptions {
  reviewers: readonly ChatModel[];
  threshold: number;
  parseRetries?: number;
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
 * Stage 4: every reviewer reviews the blueprint at once, then the committee votes. When one reviewer's
 * call fails, the others are cancelled and the error propagates (a dead endpoint is not a verdict).
 */
export async function runCommittee(subject: ReviewSubject, options: CommitteeOptions): Promise<CommitteeOutcome> {
  if (options.reviewers.length === 0) throw new RangeError('the committee needs at least one reviewer');
  const prompt = reviewPrompt(subject);
  const local = new AbortController();
  const forward = () => local.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  if (options.signal?.aborted) forward();
  try {
    const answers = await Promise.all(
      options.reviewers.map((reviewer) =>
        askReviewer(reviewer, prompt, { parseRetries: options.parseRetries ?? DEFAULT_PARSE_RETRIES, signal: local.signal }).catch((error: unknown) => {
          local.abort(error);
          throw error;
        }),
      ),
    );
    const reviews = answers.map((answer) => answer.review);
    const vote = tallyVotes(reviews, options.threshold);
    return { result: committeeStageResult(vote, reviews), reviews, vote, responses: answers.flatMap((answer) => answer.responses) };
  } finally {
    options.signal?.removeEventListener('abort', forward);
  }
}
