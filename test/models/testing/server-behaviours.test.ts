import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../../src/batch/node-http-fetch.ts';
import {
  createOpenAIChatModel,
  isEndpointRejection,
  ModelRequestError,
  ModelUnavailableError,
  type ChatMessage,
  type FetchFunction,
  type ModelConfigInput,
} from '../../../src/models/index.ts';
import {
  conformanceHandler,
  DEFAULT_THINKING,
  startChatCompletionsServer,
  type ChatCompletionsServer,
  type ConformanceOptions,
  type ModelTurn,
} from '../../../src/models/testing/index.ts';
import { retailConversation } from '../support/retail-conversation.ts';
import { rejection } from '../support/rejection.ts';

/**
 * One test per behaviour of the conformance server, at the adapter: what the adapter makes of the reply
 * (separated reasoning, parsed tool calls, a typed error), how many requests it took, and that no secret
 * shows in any error text.
 */

const apiKey = 'sk-conformance-SECRET-9f8e7d6c5b4a';
const messages = retailConversation;
const answerText: ModelTurn = { content: 'Your order #W1 is cancelled.' };
const answerCalls: ModelTurn = {
  toolCalls: [
    { id: 'call_a', name: 'get_order_details', arguments: { order_id: '#W1' } },
    { id: 'call_b', name: 'get_user_details', arguments: { user_id: 'u1' } },
  ],
};
const parsedCalls = [
  { id: 'call_a', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } },
  { id: 'call_b', type: 'function', function: { name: 'get_user_details', arguments: '{"user_id":"u1"}' } },
];

let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: ConformanceOptions, config: Partial<ModelConfigInput> = {}, fetch?: FetchFunction) {
  server = await startChatCompletionsServer(conformanceHandler(options));
  const model = createOpenAIChatModel({ baseURL: server.baseURL, model: 'agent-model', ...config }, { apiKey, ...(fetch ? { fetch } : {}) });
  return { model, server };
}

/** The error text in every form a log or a trace could take holds no key. */
function expectNoSecret(error: Error) {
  expect(error.message).not.toContain(apiKey);
  expect(JSON.stringify({ ...error })).not.toContain(apiKey);
  expect(String(error.stack)).not.toContain(apiKey);
}

describe('reasoning behaviours: the thinking is separated before anything reads the reply', () => {
  it('think: a <think> block at the head of content goes to reasoning', async () => {
    const { model, server } = await serve({ behaviours: 'think', answer: () => answerText });
    const response = await model.complete({ messages });
    expect(response.message).toEqual({ role: 'assistant', content: 'Your order #W1 is cancelled.', reasoning: DEFAULT_THINKING });
    expect(server.requests).toHaveLength(1);
  });

  it('think beside real tool calls: content becomes null, the calls stay as they came', async () => {
    const { model } = await serve({ behaviours: 'think', answer: () => answerCalls });
    const response = await model.complete({ messages });
    expect(response.message).toEqual({ role: 'assistant', content: null, tool_calls: parsedCalls, reasoning: DEFAULT_THINKING });
  });

  it('think with reasoning: keep leaves content exactly as the server sent it', async () => {
    const { model } = await serve({ behaviours: 'think', answer: () => answerText }, { reasoning: 'keep' });
    const response = await model.complete({ messages });
    expect(response.message).toEqual({ role: 'assistant', content: `<think>\n${DEFAULT_THINKING}\n</think>\n\nYour order #W1 is cancelled.` });
  });

  it('reasoning_content (vLLM): the field goes to reasoning, the leading blank line is dropped, null content stays null', async () => {
    const { model } = await serve({ behaviours: 'reasoning_content', answer: ({ index }) => (index === 0 ? answerText : answerCalls) });
    expect((await model.complete({ messages })).message).toEqual({ role: 'assistant', content: 'Your order #W1 is cancelled.', reasoning: DEFAULT_THINKING });
    expect((await model.complete({ messages })).message).toEqual({ role: 'assistant', content: null, tool_calls: parsedCalls, reasoning: DEFAULT_THINKING });
  });

  it('ollama-reasoning: the `reasoning` field goes to reasoning', async () => {
    const { model, server } = await serve({ behaviours: 'ollama-reasoning', answer: () => answerText });
    const response = await model.complete({ messages });
    expect(response.message).toEqual({ role: 'assistant', content: 'Your order #W1 is cancelled.', reasoning: DEFAULT_THINKING });
    expect(server.requests).toHaveLength(1);
  });

  it('never sends reasoning or toolCallsFromText back on the wire', async () => {
    const { model, server } = await serve({ behaviours: 'normal' });
    const history: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: null, tool_calls: [{ id: 'text_call_1', type: 'function', function: { name: 'get_order_details', arguments: '{}' } }], reasoning: 'private thoughts', toolCallsFromText: true },
      { role: 'tool', tool_call_id: 'text_call_1', content: '{}' },
      { role: 'assistant', content: 'Done.', reasoning: 'more private thoughts' },
      { role: 'user', content: 'thanks', note: 'protocol' },
    ];
    await model.complete({ messages: history });
    const sent = JSON.stringify(server.requests[0]!.body);
    expect(sent).not.toContain('private thoughts');
    expect(sent).not.toMatch(/reasoning|toolCallsFromText|"note"/);
    expect((server.requests[0]!.body as { messages: unknown[] }).messages[2]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 'text_call_1', type: 'function', function: { name: 'get_order_details', arguments: '{}' } }] });
  });
});

describe('hermes: tool calls written as text', () => {
  it('become real tool calls with deterministic ids, marked toolCallsFromText', async () => {
    const { model, server } = await serve({ behaviours: 'hermes', answer: () => answerCalls });
    const response = await model.complete({ messages });
    expect(response.message).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'text_call_1', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } },
        { id: 'text_call_2', type: 'function', function: { name: 'get_user_details', arguments: '{"user_id":"u1"}' } },
      ],
      toolCallsFromText: true,
    });
    expect(response.finishReason).toBe('stop');
    expect(server.requests).toHaveLength(1);
  });

  it('in Qwen3-Coder\'s function blocks become tool calls typed by the offered tools\' schemas', async () => {
    const { model } = await serve({ behaviours: 'hermes', textToolCallFormat: 'qwen3-coder', answer: () => ({ toolCalls: [{ name: 'cancel_pending_order', arguments: { order_id: '#W1', reason: 'no longer needed', notify: true, count: 2 } }] }) });
    const parameters = { type: 'object', properties: { order_id: { type: 'string' }, reason: { type: 'string' }, notify: { type: 'boolean' }, count: { type: 'integer' } } };
    const response = await model.complete({ messages, tools: [{ type: 'function', function: { name: 'cancel_pending_order', description: 'Cancel.', parameters } }] });
    expect(response.message).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'text_call_1', type: 'function', function: { name: 'cancel_pending_order', arguments: '{"order_id":"#W1","reason":"no longer needed","notify":true,"count":2}' } }],
      toolCallsFromText: true,
    });
  });

  it('are left as text with textToolCalls: off, and when other text stands beside them', async () => {
    const { model } = await serve({ behaviours: 'hermes', answer: () => answerCalls }, { textToolCalls: 'off' });
    const off = await model.complete({ messages });
    expect(off.message.tool_calls).toBeUndefined();
    expect(off.message.content).toMatch(/^<tool_call>\n\{"name":"get_order_details"/);
    await server?.close();
    const mixed = await serve({ behaviours: 'hermes', answer: () => ({ ...answerCalls, content: 'Let me look that up.' }) });
    const beside = await mixed.model.complete({ messages });
    expect(beside.message.tool_calls).toBeUndefined();
    expect(beside.message.content).toMatch(/^Let me look that up\.\n<tool_call>/);
  });
});

describe('error behaviours become typed errors carrying the server\'s own words', () => {
  const outOfOrder: ChatMessage[] = [...messages, { role: 'assistant', content: 'Which order?' }, { role: 'system', content: 'protocol note' }];

  it('strict-template (vLLM): a system message out of place is a 400 request error, not retried', async () => {
    const { model, server } = await serve({ behaviours: 'strict-template' });
    const error = await rejection(model.complete({ messages: outOfOrder }));
    expectNoSecret(error);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'BadRequestError', errorCode: '400' });
    expect(error.message).toContain('Conversation roles must alternate user/assistant/user/assistant/...');
    expect(server.requests).toHaveLength(1);
    expect((await model.complete({ messages })).message.content).toBe('ok');
  });

  it('strict-template (llama.cpp): the jinja 500 is a request error too, never retried', async () => {
    const { model, server } = await serve({ behaviours: 'strict-template', strictTemplateServer: 'llama.cpp' }, { maxRetries: 3 });
    const error = await rejection(model.complete({ messages: [...messages, { role: 'user', content: 'and another thing' }] }));
    expectNoSecret(error);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error).toMatchObject({ status: 500 });
    expect(error.message).toContain('Jinja Exception: Conversation roles must alternate');
    expect(server.requests).toHaveLength(1);
  });

  it('vllm-error: the message is read from vLLM\'s body, never "(no body)"', async () => {
    const { model, server } = await serve({ behaviours: 'vllm-error' });
    const error = await rejection(model.complete({ messages }));
    expectNoSecret(error);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect((error as ModelRequestError).causeMessage).toMatch(/^400 This model's maximum context length is 4096 tokens/);
    expect(error.message).not.toContain('no body');
    expect(server.requests).toHaveLength(1);
  });

  it('unauthorized: a 401 is an endpoint rejection naming the model and endpoint; the echoed key is redacted', async () => {
    const { model, server } = await serve({ behaviours: 'unauthorized' });
    const error = await rejection(model.complete({ messages }));
    expectNoSecret(error);
    expect(isEndpointRejection(error)).toBe(true);
    expect(error.message).toContain(`agent-model@${server.baseURL}`);
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    expectNoSecret(error);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('model-not-found: a 404 in OpenAI\'s, vLLM\'s and Ollama\'s shapes is an endpoint rejection with the server\'s message', async () => {
    for (const [notFoundServer, expected] of [
      ['openai', 'The model `agent-model` does not exist or you do not have access to it.'],
      ['vllm', 'The model `agent-model` does not exist.'],
      ['ollama', 'model "agent-model" not found, try pulling it first'],
    ] as const) {
      const { model, server } = await serve({ behaviours: 'model-not-found', notFoundServer });
      const error = await rejection(model.complete({ messages }));
      expectNoSecret(error);
      expect(isEndpointRejection(error)).toBe(true);
      expect((error as ModelRequestError).causeMessage).toBe(`404 ${expected}`);
      expect(server.requests).toHaveLength(1);
      await server.close();
    }
  });

  it('unavailable-window: 503s within maxRetries are retried to success; a longer window is a typed outage', async () => {
    const { model, server } = await serve({ behaviours: 'unavailable-window', unavailableRequests: 2, retryAfterMs: 1, answer: () => answerText }, { maxRetries: 2 });
    expect((await model.complete({ messages })).message.content).toBe('Your order #W1 is cancelled.');
    expect(server.requests).toHaveLength(3);
    await server.close();
    const longer = await serve({ behaviours: 'unavailable-window', unavailableRequests: 5, retryAfterMs: 1 }, { maxRetries: 1 });
    const error = await rejection(longer.model.complete({ messages }));
    expectNoSecret(error);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'server-error', status: 503, attempts: 2 });
    expect((error as ModelUnavailableError).causeMessage).toBe('503 The server is overloaded or not ready yet.');
    expect(longer.server.requests).toHaveLength(2);
  });
});

describe('transport behaviours: one timeout covers the whole response; broken bodies are retried', () => {
  const fetchPaths: [string, () => FetchFunction | undefined][] = [
    ['the global fetch', () => undefined],
    ['the node:http fetch', () => createNodeHttpFetch()],
  ];

  for (const [path, fetchFor] of fetchPaths) {
    it(`stall-after-headers over ${path}: each attempt times out after timeoutMs, counted, then a typed timeout`, async () => {
      const { model, server } = await serve({ behaviours: 'stall-after-headers' }, { timeoutMs: 200, maxRetries: 1 }, fetchFor());
      const error = await rejection(model.complete({ messages }));
      expectNoSecret(error);
      expect(error).toBeInstanceOf(ModelUnavailableError);
      expect(error).toMatchObject({ reason: 'timeout', attempts: 2 });
      // Counted by the client: a busy machine can fire the 200 ms timeout before this process's server has
      // read the request, so the server sees at most one request per attempt.
      expect(server.requests.length).toBeLessThanOrEqual(2);
      expectNoSecret(error);
    });

    it(`reset over ${path}: a connection reset mid-body is retried, then a typed connection error`, async () => {
      const { model, server } = await serve({ behaviours: ['reset', 'normal'], answer: () => answerText }, { maxRetries: 1 }, fetchFor());
      expect((await model.complete({ messages })).message.content).toBe('Your order #W1 is cancelled.');
      expect(server.requests).toHaveLength(2);
      await server.close();
      const always = await serve({ behaviours: 'reset' }, { maxRetries: 1 }, fetchFor());
      const error = await rejection(always.model.complete({ messages }));
      expectNoSecret(error);
      expect(error).toMatchObject({ name: 'ModelUnavailableError', reason: 'connection', attempts: 2 });
      expect(always.server.requests).toHaveLength(2);
    });

    it(`truncated-json over ${path}: a 200 with JSON cut off is retried, then a typed connection error`, async () => {
      const { model, server } = await serve({ behaviours: ['truncated-json', 'normal'], answer: () => answerText }, { maxRetries: 1 }, fetchFor());
      expect((await model.complete({ messages })).message.content).toBe('Your order #W1 is cancelled.');
      expect(server.requests).toHaveLength(2);
      await server.close();
      const always = await serve({ behaviours: 'truncated-json' }, { maxRetries: 1 }, fetchFor());
      const error = await rejection(always.model.complete({ messages }));
      expectNoSecret(error);
      expect(error).toMatchObject({ name: 'ModelUnavailableError', reason: 'connection', attempts: 2 });
      expect((error as ModelUnavailableError).causeMessage).toMatch(/JSON body is cut off or invalid/);
      expect(always.server.requests).toHaveLength(2);
    });
  }
});

describe('behaviour scripts', () => {
  it('choose a behaviour per model and per request, so only one role misbehaves', async () => {
    server = await startChatCompletionsServer(conformanceHandler({ behaviours: { 'agent-model': ['normal', 'hermes'], 'human-model': 'think' }, answer: () => ({ ...answerCalls, content: 'text' }) }));
    const agent = createOpenAIChatModel({ baseURL: server.baseURL, model: 'agent-model' });
    const human = createOpenAIChatModel({ baseURL: server.baseURL, model: 'human-model' });
    const judge = createOpenAIChatModel({ baseURL: server.baseURL, model: 'judge-model' });
    expect((await agent.complete({ messages })).message.toolCallsFromText).toBeUndefined();
    expect((await human.complete({ messages })).message.reasoning).toBe(DEFAULT_THINKING);
    expect((await agent.complete({ messages })).message.content).toMatch(/^text\n<tool_call>/);
    expect((await agent.complete({ messages })).message.content).toMatch(/^text\n<tool_call>/);
    expect((await judge.complete({ messages })).message).toEqual({ role: 'assistant', content: 'text', tool_calls: parsedCalls });
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual(['agent-model', 'human-model', 'agent-model', 'agent-model', 'judge-model']);
  });
});
