import { isEndpointRejection, ModelRequestError, type ChatMessage, type ChatModel, type ChatResponse } from '../../models/index.ts';
import { replyWithoutThinking } from '../reply-without-thinking.ts';
import type { CommitteeReview } from '../validation-result.ts';
import { unfinishedBecause } from '../validation-unfinished-error.ts';
import { reviewRetryPrompt } from './review-prompt.ts';
import { parseReviewReply } from './review-reply.ts';

export interface ReviewerAnswer {
  review: CommitteeReview;
  responses: ChatResponse[];
}

export interface AskReviewerOptions {
  /** How many more times a reply without a usable review is answered with its problem and asked again. */
  parseRetries: number;
  /** How many more times a failed call (outage, timeout, 5xx after the transport's own retries) is made. */
  failureRetries: number;
  /** The reviewer's place in the committee, for the error that names it. */
  index: number;
  signal?: AbortSignal;
}

/** A request the server refused as malformed (400, 422...): asking the same again cannot help. */
const isUnrepeatable = (error: unknown) => error instanceof ModelRequestError;

/**
 * Asks one reviewer for its review. Only the reply's `content` is read (never its `reasoning`).
 *
 * - A reply without a usable review is answered with the problem and asked again, `parseRetries` more
 *   times; after that the reviewer abstains (its last problem is kept).
 * - A call that fails (outage, timeout, a server error after the transport's retries) is made again,
 *   `failureRetries` more times; after that the reviewer abstains with `failed: true`, so the other
 *   reviewers' votes still count. A refused request (4xx) is not repeated.
 * - An endpoint that refuses the caller (401/403/404) and a cancellation are not abstentions: they
 *   propagate, the first as a ValidationUnfinishedError naming the reviewer.
 */
export async function askReviewer(reviewer: ChatModel, prompt: string, options: AskReviewerOptions): Promise<ReviewerAnswer> {
  const messages: ChatMessage[] = [{ role: 'user', content: prompt }];
  const responses: ChatResponse[] = [];
  let problem = '';
  let calls = 0;
  let failuresLeft = options.failureRetries;
  let repliesLeft = options.parseRetries + 1;
  while (repliesLeft > 0) {
    calls++;
    let response: ChatResponse;
    try {
      response = await reviewer.complete({ messages: [...messages], ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (isEndpointRejection(error)) throw unfinishedBecause(error, 'reviewer', reviewer.id, options.index);
      if (failuresLeft > 0 && !isUnrepeatable(error)) {
        failuresLeft--;
        continue;
      }
      const reason = error instanceof Error ? error.message : String(error);
      return { review: { reviewer: reviewer.id, abstained: true, failed: true, problem: reason, attempts: calls }, responses };
    }
    responses.push(response);
    repliesLeft--;
    const parsed = parseReviewReply(response.message.content);
    if (parsed.ok) return { review: { reviewer: reviewer.id, abstained: false, reply: parsed.value, attempts: calls }, responses };
    problem = parsed.problem;
    // The thinking is never sent back to a model: the retry shows the reviewer only its answer.
    messages.push({ role: 'assistant', content: replyWithoutThinking(response.message.content ?? '') }, { role: 'user', content: reviewRetryPrompt(problem) });
  }
  return { review: { reviewer: reviewer.id, abstained: true, problem, attempts: calls }, responses };
}
