import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionToolSchema } from '../../src/domain-kit/index.ts';
import {
  completionReply,
  conformanceHandler,
  createNodeHttpTransport,
  createOpenAIChatModel,
  delayedReply,
  errorReply,
  jsonReply,
  ModelUnavailableError,
  parseModelConfig,
  rawReply,
  startChatCompletionsServer,
  stallAfterHeadersReply,
  type ChatCompletionsHandler,
  type ChatMessage,
  type ChatModel,
  type ChatRequest,
  type ConformanceOptions,
} from '../../src/models/index.ts';
import { toChatCompletionBody } from '../../src/models/chat-completion-wire.ts';
import { chatCompletionBodyWriter } from '../../src/models/direct-chat-model.ts';
import { retailConversation } from './support/retail-conversation.ts';

const apiKey = 'sk-test-SECRET-0123456789abcdef';
const tools: FunctionToolSchema[] = [
  { type: 'function', function: { name: 'get_order_details', description: 'Look up an order.', parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } } },
];
const request: ChatRequest = { messages: retailConversation, tools };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** The same model twice against one server: through the SDK (retries off) and through the direct transport. */
async function bothPaths(handler: ChatCompletionsHandler, config: { timeoutMs?: number; reasoning?: 'keep' } = {}) {
  const server = await startChatCompletionsServer(handler);
  closers.push(() => server.close());
  const modelConfig = { baseURL: server.baseURL, model: 'gpt-test', maxRetries: 0, ...config };
  return {
    server,
    sdk: createOpenAIChatModel(modelConfig, { apiKey }),
    direct: createOpenAIChatModel(modelConfig, { apiKey, transport: createNodeHttpTransport() }),
  };
}

/** What a call ended with, in the fields a caller reads. A timeout's or a lost connection's wording is the transport's own. */
async function outcome(model: ChatModel, call: ChatRequest = request) {
  try {
    return { answer: await model.complete(call) };
  } catch (error) {
    const failure = error as Error & Record<string, unknown>;
    const transportWording = failure instanceof ModelUnavailableError && (failure.reason === 'timeout' || failure.reason === 'connection');
    return {
      error: failure.name,
      ...(transportWording ? {} : { message: failure.message }),
      ...Object.fromEntries(['reason', 'status', 'attempts', 'retryHeaders', 'errorType', 'errorCode'].filter((field) => field in failure).map((field) => [field, failure[field]])),
    };
  }
}

const conformance = (behaviour: ConformanceOptions['behaviours'], options: Omit<ConformanceOptions, 'behaviours'> = {}) =>
  conformanceHandler({ behaviours: behaviour, answer: () => ({ content: 'Your order is pending.', toolCalls: [{ name: 'get_order_details', arguments: { order_id: '#W1' } }], usage: { prompt_tokens: 30, completion_tokens: 9 } }), ...options });

const stall: ChatCompletionsHandler = () => stallAfterHeadersReply();

/** A system message after the first: a strict chat template refuses it. */
const lateSystem: ChatRequest = { messages: [...retailConversation, { role: 'system', content: 'Be brief.' }], tools };

/** A server's behaviour: its title, how the call ends ('answer' or the error's name), the handler, the request. */
type Case = [string, string, ChatCompletionsHandler, ChatRequest?];

const cases: Case[] = [
  ['a text reply with usage', 'answer', () => completionReply({ content: 'Done.', usage: { prompt_tokens: 12, completion_tokens: 5 }, model: 'gpt-test-0613' })],
  ['tool calls', 'answer', conformance('normal')],
  ['<think> blocks', 'answer', conformance('think')],
  ['reasoning_content', 'answer', conformance('reasoning_content')],
  ["Ollama's reasoning", 'answer', conformance('ollama-reasoning')],
  ['<tool_call> text', 'answer', conformance('hermes')],
  ["Qwen3-Coder's <tool_call> text", 'answer', conformance('hermes', { textToolCallFormat: 'qwen3-coder' })],
  ["vLLM's 400", 'ModelRequestError', conformance('vllm-error')],
  ["a chat template's refusal, as llama.cpp's 500", 'ModelRequestError', conformance('strict-template', { strictTemplateServer: 'llama.cpp' }), lateSystem],
  ["a chat template's refusal, as vLLM's 400", 'ModelRequestError', conformance('strict-template'), lateSystem],
  ['a 401 echoing the key', 'ModelRequestError', conformance('unauthorized')],
  ...(['openai', 'vllm', 'ollama'] as const).map((notFoundServer): Case => [`${notFoundServer}'s 404 for the model`, 'ModelRequestError', conformance('model-not-found', { notFoundServer })]),
  ['a 503 with retry-after-ms', 'ModelUnavailableError', conformance('unavailable-window', { retryAfterMs: 20 })],
  ['a 429 with retry-after and x-should-retry', 'ModelUnavailableError', () => errorReply(429, { message: 'slow down', type: 'rate_limit', code: 'rate_limit_exceeded', headers: { 'retry-after': '2', 'x-should-retry': 'true' } })],
  ["a proxy's HTML 502", 'ModelUnavailableError', () => rawReply('<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, contentType: 'text/html' })],
  ['an empty 500', 'ModelUnavailableError', () => rawReply('', { status: 500, contentType: 'text/plain' })],
  ['a 400 with a FastAPI detail list', 'ModelRequestError', () => jsonReply({ detail: [{ msg: 'field required' }, { msg: 'bad temperature' }] }, 400)],
  ['a 200 that is not JSON', 'ModelResponseError', () => rawReply('all good', { contentType: 'text/plain' })],
  ['a 200 without choices', 'ModelResponseError', () => jsonReply({ id: 'x', object: 'chat.completion' })],
  ['a JSON body cut in half', 'ModelUnavailableError', conformance('truncated-json')],
  ['a reset mid-body', 'ModelUnavailableError', conformance('reset')],
  ['headers, then no body (the whole-response timeout)', 'ModelUnavailableError', stall],
];

describe('the direct node:http chat model answers exactly as the SDK path does', () => {
  it.each(cases)('%s', async (_, ending, handler, call = request) => {
    // Only the stalling server needs a short whole-response timeout; the others answer at once.
    const { server, sdk, direct } = await bothPaths(handler, handler === stall ? { timeoutMs: 300 } : {});
    const viaSdk = await outcome(sdk, call);
    const viaDirect = await outcome(direct, call);
    expect(viaDirect).toEqual(viaSdk);
    expect('answer' in viaDirect ? 'answer' : viaDirect.error).toBe(ending);
    expect(JSON.stringify(viaDirect)).not.toContain(apiKey);
    // The same body went out both times, with the key in the header.
    const [first, second] = server.requests;
    expect(second?.body).toEqual(first?.body);
    expect(second?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(second?.headers['content-type']).toBe('application/json');
  });

  it('writes the body the SDK path sends, byte for byte, whatever was sent before', () => {
    const config = parseModelConfig({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', temperature: 0.5, seed: 7, maxTokens: 64, parallelToolCalls: false }, 'test');
    const bare = parseModelConfig({ baseURL: 'http://127.0.0.1:9/v1', model: 'm' }, 'test');
    const reply: ChatMessage = { role: 'assistant', content: null, reasoning: 'look it up', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W123"}' } }] };
    const later: ChatMessage[] = [...retailConversation, reply, { role: 'tool', tool_call_id: 'c1', content: '{"status":"pending"}' }, { role: 'user', content: 'note "quoted" é', note: 'protocol' }];
    for (const settings of [config, bare]) {
      const bodyOf = chatCompletionBodyWriter(settings);
      for (const call of [request, { messages: later, tools }, { messages: later }, { messages: [{ role: 'system' as const, content: 'You are a retail agent.' }], tools: [] }, request]) {
        expect(bodyOf(call)).toBe(JSON.stringify(toChatCompletionBody(settings, call)));
      }
    }
  });

  it('keeps thinking in the content when told to, as the SDK path does', async () => {
    const { sdk, direct } = await bothPaths(conformance('think'), { reasoning: 'keep' });
    expect(await outcome(direct)).toEqual(await outcome(sdk));
  });

  it('refuses a configuration whose retries it would not make', () => {
    expect(() => createOpenAIChatModel({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: 2 }, { transport: createNodeHttpTransport() })).toThrow(/one attempt per call; give it maxRetries 0/);
  });

  it('sends the placeholder key to a server that needs none, decompresses gzip, and rejects an aborted call with its reason', async () => {
    const body = gzipSync(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'compressed' }, finish_reason: 'stop' }] }));
    const headersSeen: Array<string | undefined> = [];
    const gzipServer = createServer((incoming, response) => {
      headersSeen.push(incoming.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
      response.end(body);
    });
    await new Promise<void>((resolve) => gzipServer.listen(0, '127.0.0.1', resolve));
    gzipServer.on('connection', (socket) => closers.push(async () => void socket.destroy()));
    closers.push(() => new Promise<void>((resolve) => gzipServer.close(() => resolve())));
    const transport = createNodeHttpTransport();
    const compressed = createOpenAIChatModel({ baseURL: `http://127.0.0.1:${(gzipServer.address() as AddressInfo).port}/v1/`, model: 'm', maxRetries: 0 }, { transport });
    expect((await compressed.complete(request)).message.content).toBe('compressed');
    expect(headersSeen).toEqual(['Bearer not-needed']);

    const slow = await startChatCompletionsServer(() => delayedReply(60_000, completionReply()));
    closers.push(() => slow.close());
    const controller = new AbortController();
    const pending = createOpenAIChatModel({ baseURL: slow.baseURL, model: 'm', maxRetries: 0 }, { transport }).complete({ ...request, signal: controller.signal });
    const reason = new Error('the batch was cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    const already = createOpenAIChatModel({ baseURL: slow.baseURL, model: 'm', maxRetries: 0 }, { transport }).complete({ ...request, signal: controller.signal });
    await expect(already).rejects.toBe(reason);
  });

  it('leaves no listener on a signal shared by every call of a job, and keeps one connection alive for every role on the endpoint', async () => {
    const reply = JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });
    let connections = 0;
    let requests = 0;
    const server = createServer((_, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
      response.end(reply);
    });
    server.on('connection', (socket) => {
      connections += 1;
      closers.push(async () => void socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const transport = createNodeHttpTransport();
    const agent = createOpenAIChatModel({ baseURL, model: 'agent', maxRetries: 0 }, { transport });
    const human = createOpenAIChatModel({ baseURL, model: 'human', maxRetries: 0 }, { transport });
    const job = new AbortController();
    for (let call = 0; call < 10; call++) expect((await (call % 2 ? agent : human).complete({ ...request, signal: job.signal })).message.content).toBe('ok');
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
    expect(requests).toBe(10);
    expect(connections).toBe(1);
  });

  it('fails a refused connection as a connection error naming the cause', async () => {
    const closed = await startChatCompletionsServer(() => completionReply());
    const baseURL = closed.baseURL;
    await closed.close();
    const failure = await createOpenAIChatModel({ baseURL, model: 'm', maxRetries: 0 }, { transport: createNodeHttpTransport() })
      .complete(request)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ModelUnavailableError', reason: 'connection', attempts: 1 });
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);
  });
});
