import {
  completionReply,
  jsonReply,
  rawReply,
  resetReply,
  stallAfterHeadersReply,
  type ChatCompletionsHandler,
  type CompletionReplyOptions,
  type ReceivedRequest,
  type ServerReply,
  type WireToolCall,
} from './chat-completions-server.ts';

/**
 * The conformance server: named behaviours that each answer as a real OpenAI-compatible server does when
 * it has that quirk, so tests meet the servers users run (vLLM, llama.cpp server, Ollama, OpenAI) on
 * loopback. Each behaviour shapes the answer a server without quirks would give (a `ModelTurn`):
 *
 * - `normal`: a plain chat completion.
 * - `think`: the thinking as a `<think>…</think>` block at the head of `content` (llama.cpp without
 *   `--reasoning-format`, Ollama's raw models, vLLM without `--reasoning-parser`); tool calls stay real.
 * - `reasoning_content`: vLLM with a reasoning parser: the thinking in `reasoning_content`, `content` null
 *   when the model only called tools, else starting with the blank line that followed the thinking.
 * - `ollama-reasoning`: Ollama's /v1: the thinking in `reasoning`, `content` "" when there is no text.
 * - `hermes`: tool calls left as text, each `<tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>`
 *   in `content`, no `tool_calls`, finish_reason "stop" (vLLM without `--tool-call-parser`, llama.cpp
 *   without `--jinja`); with `textToolCallFormat: 'qwen3-coder'`, Qwen3-Coder's
 *   `<tool_call>\n<function=NAME>\n<parameter=ARG>\nvalue\n</parameter>\n</function>\n</tool_call>`.
 * - `strict-template`: a Gemma/Mistral-style chat template: a system message anywhere but first, or
 *   user/assistant turns that do not alternate (tool calls and their results aside), fail with the jinja
 *   text: 400 in vLLM's shape, or 500 in llama.cpp's (`strictTemplateServer: 'llama.cpp'`). A request
 *   the template accepts gets the answer.
 * - `vllm-error`: a 400 in vLLM's shape `{"object":"error","message","type","param","code"}`.
 * - `stall-after-headers`: 200 headers, then never the body.
 * - `reset`: the headers and half the body of the answer, then the socket is destroyed.
 * - `truncated-json`: a 200 `application/json` whose body is the answer cut in half.
 * - `unauthorized`: 401 in OpenAI's shape; the message echoes the key the request carried, whole (worse
 *   than OpenAI, which masks it), so tests prove the key is redacted.
 * - `model-not-found`: 404 for the requested model, as OpenAI (`code: model_not_found`), vLLM or Ollama
 *   (`notFoundServer`) send it.
 * - `unavailable-window`: 503 for the first `unavailableRequests` requests of that model (default 2),
 *   then the answer.
 *
 * Which behaviour answers is chosen per request: one behaviour for every request, a script (the n-th
 * request gets the n-th behaviour; the last one repeats), or either of those per model name, so a test
 * can make only the agent, or only the human, misbehave. Requests are counted per model.
 */

export const serverBehaviours = [
  'normal',
  'think',
  'reasoning_content',
  'ollama-reasoning',
  'hermes',
  'strict-template',
  'vllm-error',
  'stall-after-headers',
  'reset',
  'truncated-json',
  'unauthorized',
  'model-not-found',
  'unavailable-window',
] as const;
export type ServerBehaviour = (typeof serverBehaviours)[number];

/** One behaviour for every request, or one per request in order (the last repeats). */
export type BehaviourScript = ServerBehaviour | readonly ServerBehaviour[];

/** What a server without quirks would answer. */
export interface ModelTurn {
  content?: string | null;
  toolCalls?: WireToolCall[];
  usage?: CompletionReplyOptions['usage'];
}

export interface ConformanceOptions {
  /** The answer to each request (a well-behaved server's); `{ content: 'ok' }` by default. */
  answer?: (request: ReceivedRequest) => ModelTurn;
  /** A script for every model, or a script per model name (models not named behave `normal`). */
  behaviours: BehaviourScript | Readonly<Record<string, BehaviourScript>>;
  /** The thinking the reasoning behaviours send. */
  thinking?: string;
  /** How many requests of a model `unavailable-window` refuses before it answers (default 2). */
  unavailableRequests?: number;
  /** Sent with every 503 of `unavailable-window` as `retry-after-ms` (none by default, as vLLM sends none). */
  retryAfterMs?: number;
  /** Whose jinja error `strict-template` sends: vLLM's 400 (default) or llama.cpp's 500. */
  strictTemplateServer?: 'vllm' | 'llama.cpp';
  /** How `hermes` writes a call: Hermes/Qwen JSON (default) or Qwen3-Coder's function blocks. */
  textToolCallFormat?: 'json' | 'qwen3-coder';
  /** Whose 404 body `model-not-found` sends (default OpenAI's). */
  notFoundServer?: 'openai' | 'vllm' | 'ollama';
}

export const DEFAULT_THINKING = 'The user wants this done. I should check the details first.\nSTOP is not what I mean here.';

const alternationError = 'Conversation roles must alternate user/assistant/user/assistant/...';

function scriptFor(behaviours: ConformanceOptions['behaviours'], model: string): BehaviourScript {
  if (typeof behaviours === 'string' || Array.isArray(behaviours)) return behaviours as BehaviourScript;
  return (behaviours as Readonly<Record<string, BehaviourScript>>)[model] ?? 'normal';
}

function pick(script: BehaviourScript, index: number): ServerBehaviour {
  if (typeof script === 'string') return script as ServerBehaviour;
  const list = script as readonly ServerBehaviour[];
  return list[Math.min(index, list.length - 1)] ?? 'normal';
}

/** A handler that answers each request with the behaviour its model's script names. */
export function conformanceHandler(options: ConformanceOptions): ChatCompletionsHandler {
  const seen = new Map<string, number>();
  const refused = new Map<string, number>();
  return (request) => {
    const model = modelOf(request);
    const index = seen.get(model) ?? 0;
    seen.set(model, index + 1);
    const behaviour = pick(scriptFor(options.behaviours, model), index);
    const turn = options.answer?.(request) ?? { content: 'ok' };
    if (behaviour === 'unavailable-window') {
      const count = refused.get(model) ?? 0;
      if (count < (options.unavailableRequests ?? 2)) {
        refused.set(model, count + 1);
        const headers: Record<string, string> = options.retryAfterMs !== undefined ? { 'retry-after-ms': String(options.retryAfterMs) } : {};
        return jsonReply({ error: { message: 'The server is overloaded or not ready yet.', type: 'server_error', param: null, code: null } }, 503, headers);
      }
      return completionReply(normalReply(turn, model));
    }
    return behaviourReply(behaviour, turn, request, options);
  };
}

function modelOf(request: ReceivedRequest): string {
  const body = request.body as { model?: unknown } | null;
  return typeof body?.model === 'string' ? body.model : '';
}

function normalReply(turn: ModelTurn, model: string): CompletionReplyOptions {
  const reply: CompletionReplyOptions = { model };
  if (turn.content !== undefined) reply.content = turn.content;
  if (turn.toolCalls && turn.toolCalls.length > 0) reply.toolCalls = turn.toolCalls;
  if (turn.usage) reply.usage = turn.usage;
  return reply;
}

const hasToolCalls = (turn: ModelTurn) => (turn.toolCalls?.length ?? 0) > 0;

/** The reply of one behaviour to one request. */
export function behaviourReply(behaviour: ServerBehaviour, turn: ModelTurn, request: ReceivedRequest, options: Omit<ConformanceOptions, 'behaviours'> = {}): ServerReply {
  const model = modelOf(request);
  const thinking = options.thinking ?? DEFAULT_THINKING;
  const normal = normalReply(turn, model);
  switch (behaviour) {
    case 'normal':
    case 'unavailable-window':
      return completionReply(normal);
    case 'think':
      return completionReply({ ...normal, content: `<think>\n${thinking}\n</think>\n\n${turn.content ?? ''}` });
    case 'reasoning_content':
      return completionReply({ ...normal, content: turn.content ? `\n\n${turn.content}` : null, messageFields: { reasoning_content: thinking } });
    case 'ollama-reasoning':
      return completionReply({ ...normal, content: turn.content ?? '', messageFields: { reasoning: thinking } });
    case 'hermes': {
      if (!hasToolCalls(turn)) return completionReply(normal);
      const blocks = (turn.toolCalls ?? []).map((call) => {
        const args = (typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments) as Record<string, unknown>;
        if (options.textToolCallFormat !== 'qwen3-coder') return `<tool_call>\n${JSON.stringify({ name: call.name, arguments: args })}\n</tool_call>`;
        const parameters = Object.entries(args).map(([name, value]) => `<parameter=${name}>\n${typeof value === 'string' ? value : JSON.stringify(value)}\n</parameter>`);
        return ['<tool_call>', `<function=${call.name}>`, ...parameters, '</function>', '</tool_call>'].join('\n');
      });
      const text = [turn.content ?? '', ...blocks].filter((part) => part !== '').join('\n');
      const { toolCalls: _dropped, ...rest } = normal;
      return completionReply({ ...rest, content: text, finishReason: 'stop' });
    }
    case 'strict-template': {
      if (templateAccepts(request)) return completionReply(normal);
      if (options.strictTemplateServer === 'llama.cpp') {
        const message = `\n------------\nWhile executing CallExpression at line 19, column 27 in source:\n...% 2 == 0) -%}\n        {{ raise_exception("Conversation roles must alternate user...\n                                           ^\nError: Jinja Exception: ${alternationError}`;
        return jsonReply({ error: { code: 500, message, type: 'server_error' } }, 500);
      }
      return jsonReply({ object: 'error', message: alternationError, type: 'BadRequestError', param: null, code: 400 }, 400);
    }
    case 'vllm-error':
      return jsonReply(
        { object: 'error', message: "This model's maximum context length is 4096 tokens. However, you requested 5012 tokens (4500 in the messages, 512 in the completion). Please reduce the length of the messages or completion.", type: 'BadRequestError', param: null, code: 400 },
        400,
      );
    case 'stall-after-headers':
      return stallAfterHeadersReply();
    case 'reset':
      return resetReply(completionReply(normal));
    case 'truncated-json': {
      const whole = JSON.stringify((completionReply(normal) as { body: unknown }).body);
      return rawReply(whole.slice(0, Math.floor(whole.length / 2)), { contentType: 'application/json' });
    }
    case 'unauthorized': {
      const key = String(request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      return jsonReply({ error: { message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, 401);
    }
    case 'model-not-found':
      if (options.notFoundServer === 'vllm') return jsonReply({ object: 'error', message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: null, code: 404 }, 404);
      if (options.notFoundServer === 'ollama') return jsonReply({ error: { message: `model "${model}" not found, try pulling it first`, type: 'api_error', param: null, code: null } }, 404);
      return jsonReply({ error: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' } }, 404);
  }
}

/**
 * What a Gemma/Mistral-style template accepts: an optional system message first and nowhere else, then
 * user and assistant turns alternating from a user turn. An assistant turn that calls tools and the tool
 * results that answer it do not count as turns (Mistral's "except for tool calls and results").
 */
export function templateAccepts(request: ReceivedRequest): boolean {
  const messages = ((request.body as { messages?: unknown } | null)?.messages ?? []) as { role?: string; tool_calls?: unknown[] }[];
  const turns: string[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role === 'system') {
      if (index !== 0) return false;
      continue;
    }
    if (message.role === 'tool') continue;
    if (message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0) continue;
    turns.push(message.role ?? '');
  }
  return turns.every((role, index) => role === (index % 2 === 0 ? 'user' : 'assistant'));
}
