import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, type ClientOptions } from 'openai';
import { raceAbort } from './abort.ts';
import { parseChatCompletion, toChatCompletionBody } from './chat-completion-wire.ts';
import type { ChatModel, ChatRequest, ChatResponse } from './chat-model.ts';
import { parseModelConfig, redactSecret, redactURL, type ModelConfig, type ModelConfigInput } from './model-config.ts';
import { ModelRequestError, ModelResponseError, ModelUnavailableError, type RetryHeaders } from './model-errors.ts';

export type FetchFunction = NonNullable<ClientOptions['fetch']>;

export interface OpenAIChatModelOptions {
  /** The resolved key (the CLI reads it from `config.apiKeyEnv`). Local servers need none. */
  apiKey?: string;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: FetchFunction;
  /** The model's id in records; `<model>@<baseURL>` by default. */
  id?: string;
}

/** Local servers ignore the key, but the SDK insists on one. */
const placeholderApiKey = 'not-needed';

/**
 * A ChatModel over the `openai` SDK against any OpenAI-compatible endpoint. The SDK retries timeouts,
 * connection failures, 429 and 5xx (honouring retry-after-ms / retry-after); what is left of a failure
 * becomes a typed error. An aborted call rejects with the signal's reason.
 */
export function createOpenAIChatModel(configInput: ModelConfigInput, options: OpenAIChatModelOptions = {}): ChatModel {
  const config = parseModelConfig(configInput, 'model configuration');
  const id = options.id ?? `${config.model}@${redactURL(config.baseURL)}`;
  const apiKey = options.apiKey || placeholderApiKey;
  const secret = options.apiKey || undefined;
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  return {
    id,
    complete(request: ChatRequest): Promise<ChatResponse> {
      let attempts = 0;
      const countingFetch: FetchFunction = (input, init) => {
        attempts += 1;
        return baseFetch(input, init);
      };
      const client = createClient(config, apiKey, countingFetch);
      const work = client.chat.completions.create(toChatCompletionBody(config, request), { signal: request.signal ?? null }).then(
        (raw: unknown) => {
          const parsed = parseChatCompletion(raw, config.model);
          if (!parsed.ok) throw new ModelResponseError(id, redactSecret(parsed.problem, secret));
          return parsed.response;
        },
        (error: unknown) => {
          throw toModelError(error, id, attempts, secret);
        },
      );
      return raceAbort(work, request.signal);
    },
  };
}

/**
 * One client per call, so the attempt count is the call's own. Every option the SDK would otherwise
 * take from the environment (organisation, project, admin key, log level) is set explicitly.
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

function retryHeadersOf(headers: Headers | undefined): RetryHeaders {
  const found: RetryHeaders = {};
  for (const name of ['retry-after-ms', 'retry-after', 'x-should-retry'] as const) {
    const value = headers?.get(name);
    if (value) found[name] = value;
  }
  return found;
}

function toModelError(error: unknown, model: string, attempts: number, secret: string | undefined): unknown {
  if (!(error instanceof Error)) return error;
  const message = redactSecret(error.message, secret);
  if (error instanceof APIConnectionTimeoutError) return new ModelUnavailableError(model, 'timeout', undefined, attempts, message);
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${redactSecret(error.cause.message, secret)}` : '';
    return new ModelUnavailableError(model, 'connection', undefined, attempts, `${message}${cause}`);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) return new ModelUnavailableError(model, 'rate-limit', status, attempts, message, retryHeadersOf(error.headers));
    if (status >= 500 || status === 408 || status === 409) return new ModelUnavailableError(model, 'server-error', status, attempts, message, retryHeadersOf(error.headers));
    return new ModelRequestError(model, status, message, error.type ?? undefined, error.code ?? undefined);
  }
  // A 200 whose JSON body does not parse, or a body cut off while it was read.
  if (error instanceof SyntaxError) return new ModelResponseError(model, `the body is not valid JSON (${message})`);
  if (error instanceof TypeError) return new ModelUnavailableError(model, 'connection', undefined, attempts, message);
  return error;
}
