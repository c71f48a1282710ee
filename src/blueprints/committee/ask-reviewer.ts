import type { ChatMessage, ChatModel, ChatResponse } from '../../models/index.ts';
import type { CommitteeReview } from '../validation-result.ts';
import { reviewRetryPrompt } from './review-prompt.ts';
import { parseReviewReply } from './review-reply.ts';

export interface ReviewerAnswer {
  review: CommitteeReview;
  responses: ChatResponse[];
}

/**
 * Asks one reviewer for its review. A reply without a usable review is answered with the problem and
 * asked again, `parseRetries` more times; after that the reviewer abstains (its last problem is kept).
 * A model call that throws (transport failure, abort) is not an abstention: the error propagates.
 */
export async function askReviewer(reviewer: ChatModel, prompt: string, options: { parseRetries: number; signal?: AbortSignal }): Promise<ReviewerAnswer> {
  const messages: ChatMessage[] = [{ role: 'user', content: prompt }];
  const responses: ChatResponse[] = [];
  let problem = '';
  for (let attempt = 1; attempt <= options.parseRetries + 1; attempt++) {
    const response = await reviewer.complete({ messages: [...messages], ...(options.signal ? { signal: options.signal } : {}) });
    responses.push(response);
    const parsed = parseReviewReply(response.message.content);
    if (parsed.ok) return { review: { reviewer: reviewer.id, abstained: false, reply: parsed.value, attempts: attempt }, responses };
    problem = parsed.problem;
    messages.push({ role: 'assistant', content: response.message.content ?? '' }, { role: 'user', content: reviewRetryPrompt(problem) });
  }
  return { review: { reviewer: reviewer.id, abstained: true, problem, attempts: responses.length }, responses };
}
