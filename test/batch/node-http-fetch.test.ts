import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/batch/node-http-fetch.ts';
import {
  completionReply,
  createOpenAIChatModel,
  delayedReply,
  errorReply,
  hangReply,
  ModelRequestError,
  ModelUnavailableError,
  startChatCompletionsServer,
  type ChatCompletionsHandler,
} from '../../src/models/index.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function serve(handler: ChatCompletionsHandler) {
  const server = await startChatCompletionsServer(handler);
  closers.push(() => server.close());
  return server;
}

const request = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('the node:http fetch under the OpenAI SDK', () => {
  it('carries a completion, tool calls and usage, with the key in the header', async () => {
    const server = await serve(() => completionReply({ toolCalls: [{ name: 'get_order_details', arguments: { order_id: '#W1' } }], usage: { prompt_tokens: 12, completion_tokens: 3 } }));
    const model = createOpenAIChatModel({ baseURL: server.baseURL, model: 'm', maxRetries: 0 }, { apiKey: 'sk-test-0123456789abcdef', fetch: createNodeHttpFetch() });
    const response = await model.complete(request);
    expect(response.message.tool_calls?.[0]?.function).toEqual({ name: 'get_order_details', arguments: '{"order_id":"#W1"}' });
    expect(response.usage).toEqual({ promptTokens: 12, completionTokens: 3, totalTokens: 15 });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test-0123456789abcdef');
    expect((server.requests[0]?.body as { messages: unknown }).messages).toEqual(request.messages);
  });

  it('maps failures as the global fetch does: HTTP errors with their retry headers, timeouts, refused connections, aborts', async () => {
    const fetch = createNodeHttpFetch();
    const limited = await serve(() => errorReply(429, { headers: { 'retry-after-ms': '250' } }));
    const rateLimit = await createOpenAIChatModel({ baseURL: limited.baseURL, model: 'm', maxRetries: 0 }, { fetch }).complete(request).catch((error: unknown) => error);
    expect(rateLimit).toBeInstanceOf(ModelUnavailableError);
    expect((rateLimit as ModelUnavailableError).retryHeaders).toEqual({ 'retry-after-ms': '250' });

    const refused = await serve(() => errorReply(401, { type: 'invalid_request_error' }));
    expect(await createOpenAIChatModel({ baseURL: refused.baseURL, model: 'm', maxRetries: 0 }, { fetch }).complete(request).catch((error: unknown) => error)).toBeInstanceOf(ModelRequestError);

    const hanging = await serve(() => hangReply());
    const timeout = await createOpenAIChatModel({ baseURL: hanging.baseURL, model: 'm', maxRetries: 0, timeoutMs: 50 }, { fetch }).complete(request).catch((error: unknown) => error);
    expect(timeout).toMatchObject({ name: 'ModelUnavailableError', reason: 'timeout' });

    const closed = await serve(() => completionReply());
    const closedURL = closed.baseURL;
    await closers.pop()?.();
    const connection = await createOpenAIChatModel({ baseURL: closedURL, model: 'm', maxRetries: 0 }, { fetch }).complete(request).catch((error: unknown) => error);
    expect(connection).toMatchObject({ name: 'ModelUnavailableError', reason: 'connection' });

    const slow = await serve(() => delayedReply(5_000, completionReply()));
    const controller = new AbortController();
    const pending = createOpenAIChatModel({ baseURL: slow.baseURL, model: 'm', maxRetries: 0 }, { fetch }).complete({ ...request, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('decompresses a gzip reply', async () => {
    const body = gzipSync(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'compressed' }, finish_reason: 'stop' }] }));
    const server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    server.on('connection', (socket) => closers.push(async () => void socket.destroy()));
    const response = await createOpenAIChatModel({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', maxRetries: 0 }, { fetch: createNodeHttpFetch() }).complete(request);
    expect(response.message.content).toBe('compressed');
  });
});
