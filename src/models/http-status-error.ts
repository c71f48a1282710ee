import { isChatTemplateError } from './error-body.ts';
import { ModelRequestError, ModelUnavailableError, type RetryHeaders } from './model-errors.ts';

/** What a failed status said: the message (`<status> <the server's words>`, secrets redacted) and the error body's type and code. */
export interface StatusFailure {
  status: number;
  message: string;
  type?: string | undefined;
  code?: string | undefined;
  retryHeaders: RetryHeaders;
}

/**
 * The typed error of a failed status, the same whichever transport read it: 429 is a rate limit; 5xx,
 * 408 and 409 a server error (retried) unless the message is a chat template refusing the conversation
 * (no retry can fix it); any other status a rejected request.
 */
export function errorForStatus(model: string, attempts: number, failure: StatusFailure): ModelUnavailableError | ModelRequestError {
  const { status, message, retryHeaders } = failure;
  if (status === 429) return new ModelUnavailableError(model, 'rate-limit', status, attempts, message, retryHeaders);
  if (!isChatTemplateError(message) && (status >= 500 || status === 408 || status === 409)) {
    return new ModelUnavailableError(model, 'server-error', status, attempts, message, retryHeaders);
  }
  return new ModelRequestError(model, status, message, failure.type, failure.code);
}

/** The retry hints among a reply's headers. */
export function retryHeadersOf(get: (name: string) => string | null | undefined): RetryHeaders {
  const found: RetryHeaders = {};
  for (const name of ['retry-after-ms', 'retry-after', 'x-should-retry'] as const) {
    const value = get(name);
    if (value) found[name] = value;
  }
  return found;
}
