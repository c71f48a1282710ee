import type { FunctionToolSchema } from '../domain-kit/index.ts';
import { parseChatCompletion, toChatCompletionBody, toWireMessage } from './chat-completion-wire.ts';
import type { ChatMessage } from './chat-message.ts';
import { messageTextMemo } from './message-text-memo.ts';
import type { ChatModel, ChatRequest, ChatResponse } from './chat-model.ts';
import { readErrorBody, toOpenAIErrorBody } from './error-body.ts';
import { errorForStatus, retryHeadersOf } from './http-status-error.ts';
import { redactSecrets, type ModelConfig } from './model-config.ts';
import { ModelResponseError, ModelUnavailableError } from './model-errors.ts';
import type { ChatTransport, HttpReply } from './node-http-transport.ts';
import { ResponseTimeoutError } from './whole-response-fetch.ts';

/** Who the model is, as the OpenAI adapter names it: its id, the name errors carry, the secrets they never show. */
export interface ModelNaming {
  id: string;
  named: string;
  secrets: readonly string[];
}

const noBodyStatuses = new Set([204, 205, 304]);

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);

/** The wire JSON of a message, made once (a system message's once per text: it has only role and content on the wire). */
const wireText = messageTextMemo((message) => JSON.stringify(toWireMessage(message)), (message) => message.content);
/** The wire JSON of a tool list, made once per list (a domain's list is shared by every call of its agents). */
const toolsTexts = new WeakMap<readonly FunctionToolSchema[], string>();

function toolsText(tools: readonly FunctionToolSchema[]): string {
  let text = toolsTexts.get(tools);
  if (text === undefined) toolsTexts.set(tools, (text = JSON.stringify(tools)));
  return text;
}

/**
 * A function that writes the request body of `config`'s model: byte for byte
 * `JSON.stringify(toChatCompletionBody(config, request))` (same keys, same order), but built from parts —
 * the model and sampling settings once per model, each message and each tool list once per object — so a
 * call serialises only the messages it has not sent before.
 */
export function chatCompletionBodyWriter(config: ModelConfig): (request: Pick<ChatRequest, 'messages' | 'tools'>) => string {
  // The settings come after `tools` in the body: the body of a request without messages nor tools, cut after `messages`.
  const { model: _model, messages: _messages, ...settings } = toChatCompletionBody(config, { messages: [] });
  const head = `{"model":${JSON.stringify(config.model)},"messages":[`;
  const settingsText = JSON.stringify(settings);
  const tail = settingsText === '{}' ? '}' : `,${settingsText.slice(1)}`;
  return ({ messages, tools }) => {
    let body = head;
    for (let index = 0; index < messages.length; index++) body += (index === 0 ? '' : ',') + wireText(messages[index] as ChatMessage);
    body += ']';
    if (tools && tools.length > 0) body += `,"tools":${toolsText(tools)}`;
    return body + tail;
  };
}

/**
 * A ChatModel that posts chat completions through a ChatTransport itself, without the SDK: one attempt
 * per call (the batch's rate-limit decorator owns the retries), read exactly as the SDK path reads it —
 * the same request body, the same typed errors with the same messages (`<status> <the server's words>`,
 * error bodies of any known shape, secrets redacted), a 2xx JSON body cut short failing like a
 * connection error, the whole-response timeout, thinking and `<tool_call>` text handled by
 * parseChatCompletion. An aborted call rejects with the signal's reason.
 */
export function createDirectChatModel(config: ModelConfig, naming: ModelNaming, apiKey: string, transport: ChatTransport): ChatModel {
  const url = new URL(`${config.baseURL.replace(/\/+$/, '')}/chat/completions`);
  const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}` };
  const reading = { reasoning: config.reasoning, textToolCalls: config.textToolCalls };
  const { named, secrets } = naming;
  const bodyOf = chatCompletionBodyWriter(config);
  const redact = (text: string) => redactSecrets(text, secrets);

  const unavailable = (error: unknown, signal: AbortSignal | undefined): unknown => {
    if (signal?.aborted) return signal.reason;
    if (error instanceof ResponseTimeoutError) return new ModelUnavailableError(named, 'timeout', undefined, 1, redact(error.message));
    if (error instanceof Error) return new ModelUnavailableError(named, 'connection', undefined, 1, redact(error.message));
    return error;
  };

  const read = (reply: HttpReply, request: ChatRequest): ChatResponse => {
    const { status, statusText } = reply;
    if (status < 200 || status >= 300) {
      const detail = readErrorBody(toOpenAIErrorBody(reply.body, status, statusText)) ?? {};
      throw errorForStatus(named, 1, {
        status,
        message: redact(`${status} ${detail.message ?? 'status code (no body)'}`),
        type: detail.type,
        code: detail.code,
        retryHeaders: retryHeadersOf((name) => headerText(reply.headers[name])),
      });
    }
    let raw: unknown = null;
    if (!noBodyStatuses.has(status)) {
      if ((headerText(reply.headers['content-type']) ?? '').includes('json')) {
        try {
          raw = JSON.parse(reply.body);
        } catch {
          throw new ModelUnavailableError(named, 'connection', undefined, 1, `the ${status} response's JSON body is cut off or invalid (${Buffer.byteLength(reply.body)} bytes)`);
        }
      } else raw = reply.body;
    }
    const parsed = parseChatCompletion(raw, config.model, { ...reading, tools: request.tools });
    if (!parsed.ok) throw new ModelResponseError(named, redact(parsed.problem));
    return parsed.response;
  };

  return {
    id: naming.id,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const { signal } = request;
      if (signal?.aborted) throw signal.reason;
      const body = bodyOf(request);
      let reply: HttpReply;
      try {
        reply = await transport.post(url, headers, body, { timeoutMs: config.timeoutMs, ...(signal ? { signal } : {}) });
      } catch (error) {
        throw unavailable(error, signal);
      }
      return read(reply, request);
    },
  };
}
