import { InterplayError } from '../domain-kit/errors.ts';

/**
 * Transport and protocol failures of a model call. Each carries its data as plain fields; none ever
 * holds the API key (messages are scrubbed of it before they get here).
 */

/** Why a model could not be reached: the closed set the adapter distinguishes. */
export type UnavailableReason = 'timeout' | 'connection' | 'rate-limit' | 'server-error';

/**
 * What the server said about retrying, as it said it (header values): for a caller that owns the
 * retries itself (the batch pipeline's rate limiter) instead of the SDK.
 */
export interface RetryHeaders {
  'retry-after-ms'?: string;
  'retry-after'?: string;
  'x-should-retry'?: string;
}

/** The endpoint was unreachable, timed out, or answered 5xx / 429 (or 408 / 409) on every attempt. */
export class ModelUnavailableError extends InterplayError {
  override readonly name = 'ModelUnavailableError';
  constructor(
    readonly model: string,
    readonly reason: UnavailableReason,
    /** The HTTP status of the last attempt; undefined when no response came (timeout, connection). */
    readonly status: number | undefined,
    /** How many HTTP requests were sent, retries included. */
    readonly attempts: number,
    readonly causeMessage: string,
    /** The retry headers of the last response; empty when there was none or it sent none. */
    readonly retryHeaders: RetryHeaders = {},
  ) {
    super(`model ${model} unavailable (${reason}${status === undefined ? '' : ` ${status}`}) after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${causeMessage}`);
  }
}

/** The server refused the request itself (4xx other than 429: bad request, authentication, unknown model). Not retried. */
export class ModelRequestError extends InterplayError {
  override readonly name = 'ModelRequestError';
  constructor(
    readonly model: string,
    readonly status: number,
    readonly causeMessage: string,
    /** OpenAI-style `error.type` / `error.code`, when the server sent them. */
    readonly errorType?: string,
    readonly errorCode?: string,
  ) {
    super(`model ${model} rejected the request (${status}): ${causeMessage}`);
  }
}

/** The server answered, but not with a usable chat completion. */
export class ModelResponseError extends InterplayError {
  override readonly name = 'ModelResponseError';
  constructor(
    readonly model: string,
    readonly problem: string,
  ) {
    super(`model ${model} sent an invalid chat completion: ${problem}`);
  }
}

/** A model configuration that does not have the shape `modelConfigSchema` declares. */
export class InvalidModelConfigError extends InterplayError {
  override readonly name = 'InvalidModelConfigError';
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`${source}: invalid model configuration\n  ${issues.join('\n  ')}`);
  }
}

/**
 * The endpoint refused the request for a reason no retry and no other job will fix: authentication
 * (401/403) or a model name it does not serve (404). A batch stops at the first one.
 */
export function isEndpointRejection(error: unknown): error is ModelRequestError {
  return error instanceof ModelRequestError && (error.status === 401 || error.status === 403 || error.status === 404);
}
