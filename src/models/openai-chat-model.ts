import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { raceAbort } from './abort.ts';
import { parseChatCompletion, toChatCompletionBody } from './chat-completion-wire.ts';
import { createDirectChatModel } from './direct-chat-model.ts';
import type { ChatModel, ChatRequest, ChatResponse } from './chat-model.ts';
import { errorForStatus, retryHeadersOf } from './http-status-error.ts';
import { parseModelConfig, redactSecrets, redactURL, secretsOf, type ModelConfig, type ModelConfigInput } from './model-config.ts';
import { ModelResponseError, ModelUnavailableError } from './model-errors.ts';
import type { ChatTransport } from './node-http-transport.ts';
import { CALL_ID_HEADER, wholeResponseFetch, type AttemptCounts, type FetchFunction } from './whole-response-fetch.ts';

export type { FetchFunction } from './whole-response-fetch.ts';
export type { ChatTransport } from './node-http-transport.ts';

export interface OpenAIChatModelOptions {
  /** The resolved key (the CLI reads it from `config.apiKeyEnv`). Local servers need none. */
  apiKey?: string;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: FetchFunction;
  /**
   * Posts the requests through this transport directly, without the SDK (the batch's keep-alive
   * node:http transport: a fraction of the CPU per call). It makes one attempt per call, so it is only
   * for models whose retries are owned above them (`maxRetries: 0`, as the batch's model stack sets).
   */
  transport?: ChatTransport;
  /** The model's id in records; `<model>@<baseURL>` (credentials redacted) by default. */
  id?: string;
}

/** Local servers ignore the key, but the SDK insists on one. */
const placeholderApiKey = 'not-needed';

/**
 * A ChatModel over the `openai` SDK against any OpenAI-compatible endpoint. The SDK retries timeouts,
 * connection failures (a reset mid-body and a cut-off JSON body included), 429 and 5xx (honouring
 * retry-after-ms / retry-after); what is left of a failure becomes a typed error whose message names the
 * model and the endpoint and never holds a secret. `timeoutMs` covers each attempt's whole response.
 * An aborted call rejects with the signal's reason.
 *
 * Replies are read per the configuration: thinking moved to `reasoning`, `<tool_call>` text made into
 * tool calls (see parseChatCompletion).
 */
export function createOpenAIChatModel(configInput: ModelConfigInput, options: OpenAIChatModelOptions = {}): ChatModel {
  const config = parseModelConfig(configInput, 'model configuration');
  const endpoint = `${config.model}@${redactURL(config.baseURL)}`;
  const id = options.id ?? endpoint;
  // The name errors carry: the id, and the endpoint when the id does not already say it.
  const named = id === endpoint ? endpoint : `${id} (${endpoint})`;
  const secrets = secretsOf(config.baseURL, options.apiKey || undefined);
  if (options.transport) {
    if (config.maxRetries !== 0) throw new RangeError(`${named}: a model over a direct transport makes one attempt per call; give it maxRetries 0 and retry above it (got ${config.maxRetries})`);
    return createDirectChatModel(config, { id, named, secrets }, options.apiKey || placeholderApiKey, options.transport);
  }
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const attempts: AttemptCounts = new Map();
  const client = createClient(config, options.apiKey || placeholderApiKey, wholeResponseFetch(baseFetch, config.timeoutMs, attempts));
  const reading = { reasoning: config.reasoning, textToolCalls: config.textToolCalls };
  let calls = 0;

  return {
    id,
    complete(request: ChatRequest): Promise<ChatResponse> {
      if (request.signal?.aborted) return Promise.reject(request.signal.reason);
      const callId = String(++calls);
      attempts.set(callId, 0);
      // The SDK leaves a listener on the signal it is given: give it one per call, never the caller's
      // (shared by a whole job, it would collect one listener per request).
      const callSignal = new AbortController();
      const forwardAbort = () => callSignal.abort(request.signal?.reason);
      request.signal?.addEventListener('abort', forwardAbort, { once: true });
      const work = client.chat.completions
        .create(toChatCompletionBody(config, request), { signal: callSignal.signal, headers: { [CALL_ID_HEADER]: callId } })
        .then(
          (raw: unknown) => {
            const parsed = parseChatCompletion(raw, config.model, { ...reading, tools: request.tools });
            if (!parsed.ok) throw new ModelResponseError(named, redactSecrets(parsed.problem, secrets));
            return parsed.response;
          },
          (error: unknown) => {
            throw toModelError(error, named, attempts.get(callId) ?? 0, secrets);
          },
        )
        .finally(() => {
          attempts.delete(callId);
          request.signal?.removeEventListener('abort', forwardAbort);
        });
      return raceAbort(work, request.signal);
    },
  };
}

/**
 * One client per model: every option the SDK would otherwise take from the environment (organisation,
 * project, admin key, log level) is set explicitly.
 */
function createClient(config: ModelConfig, apiKey: string, fetch: FetchFunction): OpenAI {
  return new OpenAI({
    baseURL: config.baseURL,
    apiKey,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    logLevel: 'off',
    fetch,
  });
}

/** The messages of an error and its causes, as one line. */
function causeChain(error: Error): string {
  const parts = [error.message];
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    if (cause.message && !parts.includes(cause.message)) parts.push(cause.message);
    cause = cause.cause;
  }
  return parts.join(': ');
}

const optionalText = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

function toModelError(error: unknown, model: string, attempts: number, secrets: readonly string[]): unknown {
  if (!(error instanceof Error)) return error;
  const redact = (text: string) => redactSecrets(text, secrets);
  if (error instanceof APIConnectionTimeoutError) return new ModelUnavailableError(model, 'timeout', undefined, attempts, redact(error.message));
  if (error instanceof APIConnectionError) return new ModelUnavailableError(model, 'connection', undefined, attempts, redact(causeChain(error)));
  if (error instanceof APIError && typeof error.status === 'number') {
    const { headers } = error;
    return errorForStatus(model, attempts, {
      status: error.status,
      message: redact(error.message),
      type: optionalText(error.type),
      code: optionalText(error.code),
      retryHeaders: retryHeadersOf((name) => headers?.get(name)),
    });
  }
  // The SDK's own parse failing: whole bodies are checked before (whole-response-fetch), so this is a last resort.
  if (error instanceof SyntaxError) return new ModelResponseError(model, `the body is not valid JSON (${redact(error.message)})`);
  if (error instanceof TypeError) return new ModelUnavailableError(model, 'connection', undefined, attempts, redact(causeChain(error)));
  return error;
}
