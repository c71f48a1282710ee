import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionToolSchema } from '../../src/domain-kit/index.ts';
import {
  ModelRequestError,
  ModelResponseError,
  ModelUnavailableError,
  createOpenAIChatModel,
  isAbortError,
  redactConfig,
  type ChatMessage,
  type ModelConfigInput,
} from '../../src/models/index.ts';
import {
  completionReply,
  errorReply,
  hangReply,
  jsonReply,
  rawReply,
  startChatCompletionsServer,
  type ChatCompletionsHandler,
  type ChatCompletionsServer,
} from '../../src/models/testing/index.ts';
import { retailConversation } from './support/retail-conversation.ts';
import { rejection } from './support/rejection.ts';

const apiKey = 'sk-test-SECRET-0123456789abcdef';
const messages = retailConversation;
const tools: FunctionToolSchema[] = [
  { type: 'function', function: { name: 'get_order_details', description: 'Look up an order.', parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } } },
];

let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: ChatCompletionsHandler, config: Partial<ModelConfigInput> = {}) {
  server = await startChatCompletionsServer(handler);
  const model = createOpenAIChatModel({ baseURL: server.baseURL, model: 'gpt-test', ...config }, { apiKey });
  return { model, server };
}

/** Retries wait what the server asks instead of the SDK's exponential backoff. */
const retryNow = { 'retry-after-ms': '5' };

describe('createOpenAIChatModel against a loopback chat-completions server', () => {
  it('returns a text reply with its usage, finish reason and model', async () => {
    const { model } = await serve(() => completionReply({ content: 'Your order is cancelled.', usage: { prompt_tokens: 12, completion_tokens: 5 }, model: 'gpt-test-0613' }));
    const response = await model.complete({ messages });
    expect(response).toEqual({
      message: { role: 'assistant', content: 'Your order is cancelled.' },
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
      finishReason: 'stop',
      model: 'gpt-test-0613',
    });
  });

  it('parses several tool calls in one message, with content null', async () => {
    const { model } = await serve(() =>
      completionReply({
        toolCalls: [
          { id: 'call_abc', name: 'get_order_details', arguments: { order_id: '#W1' } },
          { id: 'call_def', name: 'get_user_details', arguments: '{"user_id": "u1"}' },
        ],
      }),
    );
    const response = await model.complete({ messages, tools });
    expect(response.message).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_abc', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } },
        { id: 'call_def', type: 'function', function: { name: 'get_user_details', arguments: '{"user_id": "u1"}' } },
      ],
    });
    expect(response.finishReason).toBe('tool_calls');
  });

  it('sends model, messages, tools and the configured sampling settings', async () => {
    const { model, server } = await serve(() => completionReply({ content: 'ok' }), { temperature: 0, seed: 7, maxTokens: 256 });
    await model.complete({ messages, tools });
    const body = server.requests[0]!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['max_tokens', 'messages', 'model', 'seed', 'temperature', 'tools']);
    expect(body).toEqual({ model: 'gpt-test', messages, tools, temperature: 0, seed: 7, max_tokens: 256 });
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('sends nothing that is unset: no tools when empty, no sampling settings, no parallel_tool_calls', async () => {
    const { model, server } = await serve(() => completionReply({ content: 'ok' }));
    await model.complete({ messages, tools: [] });
    const body = server.requests[0]!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['messages', 'model']);
  });

  it('sends parallel_tool_calls only when configured', async () => {
    const { model, server } = await serve(() => completionReply({ content: 'ok' }), { parallelToolCalls: false });
    await model.complete({ messages });
    expect(server.requests[0]!.body).toMatchObject({ parallel_tool_calls: false });
  });

  it('sends an assistant tool-call turn and its tool result in wire form, dropping unknown fields', async () => {
    const { model, server } = await serve(() => completionReply({ content: 'done' }));
    const history = [
      ...messages,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W123"}' } }], extra: 'x' },
      { role: 'tool', tool_call_id: 'call_1', content: '{"status": "pending"}' },
    ] as ChatMessage[];
    await model.complete({ messages: history, tools });
    expect((server.requests[0]!.body as { messages: unknown[] }).messages).toEqual([
      ...messages,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W123"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"status": "pending"}' },
    ]);
  });

  it('retries a 429 that says retry-after-ms, then succeeds', async () => {
    const { model, server } = await serve(({ index }) =>
      index === 0 ? errorReply(429, { message: 'Rate limit reached', type: 'rate_limit_exceeded', headers: retryNow }) : completionReply({ content: 'after the wait' }),
    );
    const response = await model.complete({ messages });
    expect(response.message.content).toBe('after the wait');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 429 that says retry-after in seconds', async () => {
    const { model, server } = await serve(({ index }) => (index === 0 ? errorReply(429, { headers: { 'retry-after': '0.01' } }) : completionReply({ content: 'ok' })));
    await model.complete({ messages });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on a server that answers 500 every time after maxRetries + 1 requests', async () => {
    const { model, server } = await serve(() => errorReply(500, { message: 'The server had an error', headers: retryNow }), { maxRetries: 2 });
    const error = await rejection(model.complete({ messages }));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'server-error', status: 500, attempts: 3, causeMessage: '500 The server had an error' });
    expect(server.requests).toHaveLength(3);
  });

  it('reports a rate limit that never lifts as unavailable', async () => {
    const { model, server } = await serve(() => errorReply(429, { message: 'slow down', headers: retryNow }), { maxRetries: 1 });
    const error = await rejection(model.complete({ messages }));
    expect(error).toMatchObject({ name: 'ModelUnavailableError', reason: 'rate-limit', status: 429, attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 400 and reports it as a request error', async () => {
    const { model, server } = await serve(() => errorReply(400, { message: "Invalid value for 'tools'", type: 'invalid_request_error', code: 'invalid_value' }));
    const error = await rejection(model.complete({ messages, tools }));
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'invalid_request_error', errorCode: 'invalid_value', causeMessage: "400 Invalid value for 'tools'" });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a server that never answers within timeoutMs as unavailable', async () => {
    const { model, server } = await serve(() => hangReply(), { timeoutMs: 150, maxRetries: 0 });
    const error = await rejection(model.complete({ messages }));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', status: undefined, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('reports an endpoint nobody listens on as unavailable', async () => {
    const closed = await startChatCompletionsServer(() => completionReply());
    await closed.close();
    const model = createOpenAIChatModel({ baseURL: closed.baseURL, model: 'gpt-test', maxRetries: 0 }, { apiKey });
    const error = await rejection(model.complete({ messages }));
    expect(error).toMatchObject({ name: 'ModelUnavailableError', reason: 'connection', attempts: 1 });
  });

  it('rejects with the abort error when the caller aborts, not ModelUnavailableError', async () => {
    const controller = new AbortController();
    const { model, server } = await serve(() => {
      controller.abort();
      return hangReply();
    });
    const error = await rejection(model.complete({ messages, signal: controller.signal }));
    expect(error).not.toBeInstanceOf(ModelUnavailableError);
    expect(error.name).toBe('AbortError');
    expect(isAbortError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { model, server } = await serve(() => completionReply({ content: 'unused' }));
    const error = await rejection(model.complete({ messages, signal: AbortSignal.abort() }));
    expect(isAbortError(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('passes malformed tool-call arguments and unknown tool names through untouched', async () => {
    const { model } = await serve(() =>
      completionReply({ toolCalls: [{ name: 'get_order_details', arguments: '{"order_id": "#W1"' }, { name: 'launch_rocket', arguments: 'not json at all' }] }),
    );
    const response = await model.complete({ messages, tools });
    expect(response.message.tool_calls).toEqual([
      { id: 'call_1', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id": "#W1"' } },
      { id: 'call_2', type: 'function', function: { name: 'launch_rocket', arguments: 'not json at all' } },
    ]);
  });

  it('returns an empty reply as it came: content "" and no tool calls', async () => {
    const { model } = await serve(() => completionReply({ content: '' }));
    const response = await model.complete({ messages });
    expect(response.message).toEqual({ role: 'assistant', content: '' });
  });

  it('tolerates a reply without usage, id, finish_reason or model', async () => {
    const { model } = await serve(() => completionReply({ content: 'hi', id: null, finishReason: null, model: null }));
    const response = await model.complete({ messages });
    expect(response).toEqual({ message: { role: 'assistant', content: 'hi' }, model: 'gpt-test' });
    expect(response.usage).toBeUndefined();
  });

  it('tolerates tool calls without an id or type, and arguments sent as an object', async () => {
    const { model } = await serve(() =>
      jsonReply({ choices: [{ message: { role: 'assistant', content: 'checking', tool_calls: [{ function: { name: 'list_all_airports', arguments: { a: 1 } } }, { function: { name: 'think' } }] } }] }),
    );
    const response = await model.complete({ messages });
    expect(response.message).toEqual({
      role: 'assistant',
      content: 'checking',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'list_all_airports', arguments: '{"a":1}' } },
        { id: 'call_2', type: 'function', function: { name: 'think', arguments: '{}' } },
      ],
    });
  });

  it('reports a reply that is not a chat completion as a response error; a JSON body cut off is a connection failure', async () => {
    const { model, server } = await serve(({ index }) => (index === 0 ? jsonReply({ choices: [] }) : index === 1 ? rawReply('<html>gateway</html>') : rawReply('{"choices": [', { contentType: 'application/json' })), { maxRetries: 0 });
    const noChoices = await rejection(model.complete({ messages }));
    expect(noChoices).toBeInstanceOf(ModelResponseError);
    expect((noChoices as ModelResponseError).problem).toBe('choices: no choices');
    const html = await rejection(model.complete({ messages }));
    expect(html).toBeInstanceOf(ModelResponseError);
    expect((html as ModelResponseError).problem).toBe('the body is not JSON: "<html>gateway</html>"');
    const truncated = await rejection(model.complete({ messages }));
    expect(truncated).toMatchObject({ name: 'ModelUnavailableError', reason: 'connection', attempts: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it('works without an API key (local servers), sending a placeholder', async () => {
    server = await startChatCompletionsServer(() => completionReply({ content: 'local' }));
    const model = createOpenAIChatModel({ baseURL: server.baseURL, model: 'llama3' });
    expect((await model.complete({ messages })).message.content).toBe('local');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer not-needed');
    expect(model.id).toBe(`llama3@${server.baseURL}`);
  });

  it('never shows the API key in an error message or in the stored configuration', async () => {
    const echoKey = (status: number) => errorReply(status, { message: `Incorrect API key provided: ${apiKey}`, headers: retryNow });
    const { model } = await serve(({ index }) => (index === 0 ? echoKey(401) : index <= 2 ? echoKey(503) : rawReply(`bad ${apiKey}`)), { maxRetries: 1, apiKeyEnv: 'OPENAI_API_KEY' });
    const errors = [await rejection(model.complete({ messages })), await rejection(model.complete({ messages })), await rejection(model.complete({ messages }))];
    expect(errors.map((error) => error.name)).toEqual(['ModelRequestError', 'ModelUnavailableError', 'ModelResponseError']);
    for (const error of errors) {
      expect(error.message).not.toContain(apiKey);
      expect(JSON.stringify({ ...error })).not.toContain(apiKey);
      expect(error.message).toContain('[redacted]');
    }
    const stored = redactConfig({ baseURL: `https://user:${apiKey}@example.test/v1?api-key=${apiKey}`, model: 'gpt-test', apiKeyEnv: 'OPENAI_API_KEY', timeoutMs: 1000, maxRetries: 2 });
    expect(JSON.stringify(stored)).not.toContain(apiKey);
  });

  it('rejects an invalid configuration before any request', () => {
    expect(() => createOpenAIChatModel({ baseURL: 'not a url', model: '' })).toThrow(/baseURL: must be an http\(s\) URL[\s\S]*model:/);
  });

  it('refuses a base URL holding credentials up front, without echoing them', () => {
    for (const baseURL of ['https://alice:hunter2-pass@proxy.test/v1', 'https://alice-token-1234@proxy.test/v1']) {
      let error: unknown;
      try {
        createOpenAIChatModel({ baseURL, model: 'gpt-test' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ name: 'InvalidModelConfigError' });
      expect((error as Error).message).toMatch(/baseURL: must not hold a user name or password/);
      expect((error as Error).message).not.toMatch(/hunter2|alice/);
    }
  });

  it('reads error bodies in Ollama\'s, llama.cpp\'s and FastAPI\'s shapes, and says so when there is no body', async () => {
    const { model } = await serve(({ index }) =>
      [
        jsonReply({ error: 'model requires more system memory (12.3 GiB) than is available (8.0 GiB)' }, 400),
        jsonReply({ error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } }, 401),
        jsonReply({ detail: [{ loc: ['body', 'messages'], msg: 'Field required', type: 'missing' }] }, 422),
        rawReply('', { status: 403 }),
      ][index]!,
    );
    const errors = [];
    for (let call = 0; call < 4; call++) errors.push((await rejection(model.complete({ messages }))) as ModelRequestError);
    expect(errors.map((error) => [error.status, error.causeMessage])).toEqual([
      [400, '400 model requires more system memory (12.3 GiB) than is available (8.0 GiB)'],
      [401, '401 Invalid API Key'],
      [422, '422 Field required'],
      [403, '403 Forbidden (the server sent an empty body)'],
    ]);
    expect(errors[1]).toMatchObject({ errorType: 'authentication_error', errorCode: '401' });
  });

  it('uses one client for every call, yet counts each call\'s own attempts, even when calls overlap', async () => {
    const { model, server } = await serve(
      (request) => {
        const last = (request.body as { messages: ChatMessage[] }).messages.at(-1)!;
        return last.content === 'fail' ? errorReply(503, { message: 'busy', headers: retryNow }) : completionReply({ content: 'fine' });
      },
      { maxRetries: 2 },
    );
    const failing = { messages: [{ role: 'user', content: 'fail' }] as ChatMessage[] };
    const passing = { messages: [{ role: 'user', content: 'pass' }] as ChatMessage[] };
    const outcomes = await Promise.all([rejection(model.complete(failing)), model.complete(passing), rejection(model.complete(failing)), model.complete(passing)]);
    expect(outcomes.filter((outcome) => outcome instanceof ModelUnavailableError).map((error) => (error as ModelUnavailableError).attempts)).toEqual([3, 3]);
    expect(server.requests).toHaveLength(8);
    // The header that names the call never leaves the process.
    expect(server.requests.every((request) => !('x-interplay-call' in request.headers))).toBe(true);
  });

  it('leaves no listener on the caller\'s signal, however many calls share it', async () => {
    const { model } = await serve(({ index }) => (index < 15 ? completionReply({ content: 'ok' }) : errorReply(400)));
    const shared = new AbortController();
    for (let call = 0; call < 15; call++) await model.complete({ messages, signal: shared.signal });
    await rejection(model.complete({ messages, signal: shared.signal }));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('names the model and the endpoint in every error', async () => {
    const { model, server } = await serve(() => errorReply(400, { message: 'bad' }));
    const error = await rejection(model.complete({ messages }));
    expect(error.message).toBe(`model gpt-test@${server.baseURL} rejected the request (400): 400 bad`);
    const named = createOpenAIChatModel({ baseURL: server.baseURL, model: 'gpt-test' }, { id: 'agent' });
    expect((await rejection(named.complete({ messages }))).message).toContain(`agent (gpt-test@${server.baseURL})`);
  });
});
