import { ModelUnavailableError, type ChatModel, type ChatRequest, type ChatResponse } from '../models/index.ts';
import type { BatchClock } from './batch-clock.ts';
import type { EndpointPacer } from './endpoint-limiter.ts';
import { backoffMs, retryHintMs } from './retry-hint.ts';
import { DEFAULT_COMPLETION_ESTIMATE, estimateRequestTokens } from './token-estimate.ts';

export interface RateLimitOptions {
  /** The limiter of the model's endpoint (shared with every other role calling it). */
  limiter: EndpointPacer;
  clock: BatchClock;
  /** Retries after the first attempt (so at most maxRetries + 1 requests per call). */
  maxRetries: number;
  /** The configuration's max_tokens, if set: the completion part of the up-front token estimate. */
  maxCompletionTokens?: number;
}

/**
 * A ChatModel that goes through its endpoint's limiter and owns the retries.
 *
 * Who retries what: the model underneath must be created with the SDK's `maxRetries: 0`. This decorator
 * is then the only one that retries, so retries never stack (SDK retries x pipeline retries) and every
 * attempt — retries included — is paced by the limiter and counted against the endpoint's budgets.
 * - 429: the whole endpoint pauses for the server's hint (`retry-after-ms`, then `retry-after`), or for
 *   an exponential backoff when there is none; every caller of the endpoint waits, not just this one.
 * - 5xx, 408/409, timeouts, connection failures: this call waits the hint or the backoff, then retries.
 * - `x-should-retry: false` from the server, 4xx request errors, unusable replies, aborts: never retried.
 * When the retries are spent, the last failure is thrown with the attempts of the whole call.
 */
export function withRateLimit(model: ChatModel, options: RateLimitOptions): ChatModel {
  const { limiter, clock } = options;
  return {
    id: model.id,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const estimate = estimateRequestTokens(request, options.maxCompletionTokens ?? DEFAULT_COMPLETION_ESTIMATE);
      for (let attempt = 1; ; attempt++) {
        const permit = await limiter.acquire(estimate, request.signal);
        let response: ChatResponse;
        try {
          response = await model.complete(request);
        } catch (error) {
          permit.settle(undefined);
          if (!(error instanceof ModelUnavailableError) || error.retryHeaders['x-should-retry'] === 'false' || attempt > options.maxRetries) {
            throw error instanceof ModelUnavailableError && attempt > 1 ? withAttempts(error, attempt) : error;
          }
          const wait = retryHintMs(error.retryHeaders, clock.now()) ?? backoffMs(attempt);
          if (error.reason === 'rate-limit') limiter.pauseFor(wait);
          else await clock.sleep(wait, request.signal);
          continue;
        }
        permit.settle(response.usage?.totalTokens);
        return response;
      }
    },
  };
}

const withAttempts = (error: ModelUnavailableError, attempts: number) =>
  new ModelUnavailableError(error.model, error.reason, error.status, attempts, error.causeMessage, error.retryHeaders);
