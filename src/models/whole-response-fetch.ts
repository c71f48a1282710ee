import type { ClientOptions } from 'openai';
import { isChatTemplateError, readErrorBody, toOpenAIErrorBody } from './error-body.ts';

export type FetchFunction = NonNullable<ClientOptions['fetch']>;

/**
 * The header that carries a call's id from the adapter to the fetch, so one SDK client per endpoint can
 * still count each call's own attempts (retries included). It is taken off before the request goes out.
 */
export const CALL_ID_HEADER = 'x-interplay-call';

/** The attempts of the calls in flight, by call id. */
export type AttemptCounts = Map<string, number>;

/** The error an attempt fails with when the whole response did not arrive in time: the SDK reads "timed out" as a timeout. */
export class ResponseTimeoutError extends Error {
  override readonly name = 'ResponseTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the response (headers and body) timed out after ${timeoutMs} ms`);
  }
}

/**
 * Wraps a fetch so that each attempt the SDK makes is whole before the SDK sees it:
 * - one timer of `timeoutMs` covers the headers AND the body (the SDK's own timer stops at the headers,
 *   so a body that stalls would otherwise wait for the socket's 300 s default);
 * - the body is read here, so a connection reset mid-body, or a 2xx JSON body cut short, fails the
 *   attempt like a connection error: the SDK retries it and counts it;
 * - an error body in vLLM's, Ollama's or any other known shape is rewritten into OpenAI's, so the error
 *   carries the server's message; a 5xx that is a chat template refusing the conversation is marked
 *   `x-should-retry: false` (no retry can fix it);
 * - the attempt is counted against the call named by the CALL_ID_HEADER header.
 */
export function wholeResponseFetch(base: FetchFunction, timeoutMs: number, attempts: AttemptCounts): FetchFunction {
  const wrapped = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const callId = headers.get(CALL_ID_HEADER);
    if (callId !== null) {
      headers.delete(CALL_ID_HEADER);
      attempts.set(callId, (attempts.get(callId) ?? 0) + 1);
    }
    const outer = init.signal ?? undefined;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new ResponseTimeoutError(timeoutMs));
    }, timeoutMs);
    const forwardAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) forwardAbort();
    else outer?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const response = await base(input, { ...init, headers, signal: controller.signal });
      const body = await response.text();
      return settledResponse(response, body);
    } catch (error) {
      if (timedOut) throw new ResponseTimeoutError(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forwardAbort);
    }
  };
  return wrapped as FetchFunction;
}

const noBodyStatuses = new Set([204, 205, 304]);

/** The response rebuilt around its whole body, with the corrections above. */
function settledResponse(response: Response, body: string): Response {
  const { status, statusText } = response;
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  const isJson = (headers.get('content-type') ?? '').includes('json');
  if (status >= 200 && status < 300) {
    if (noBodyStatuses.has(status)) return new Response(null, { status, statusText, headers });
    if (!isJson) return new Response(body, { status, statusText, headers });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new TypeError('fetch failed', { cause: new Error(`the ${status} response's JSON body is cut off or invalid (${Buffer.byteLength(body)} bytes)`) });
    }
    return parsedJsonResponse(body, { status, statusText, headers }, parsed);
  }
  const openAIBody = toOpenAIErrorBody(body, status, statusText);
  headers.set('content-type', 'application/json');
  if (status >= 500 && isChatTemplateError(readErrorBody(openAIBody)?.message ?? '')) headers.set('x-should-retry', 'false');
  return new Response(openAIBody, { status, statusText, headers });
}

/** A JSON response already parsed (to check it is whole): its `json()` hands over that parse instead of parsing again. */
function parsedJsonResponse(body: string, init: ResponseInit, parsed: unknown): Response {
  const response = new Response(body, init);
  Object.defineProperty(response, 'json', { value: () => Promise.resolve(parsed) });
  return response;
}
