import { request as httpRequest, Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  completionReply,
  delayedReply,
  errorReply,
  hangReply,
  resetReply,
  stallAfterHeadersReply,
  startChatCompletionsServer,
  withFixedLatency,
  type ChatCompletionsServer,
} from '../../../src/models/testing/index.ts';

let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(url: string, body: unknown): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
}

describe('startChatCompletionsServer', () => {
  it('listens on 127.0.0.1 and records each request with its index and parsed body', async () => {
    server = await startChatCompletionsServer(({ index }) => completionReply({ content: `reply ${index}` }));
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const first = await post(`${server.baseURL}/chat/completions`, { model: 'm', messages: [] });
    const second = await post(`${server.baseURL}/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: 'chatcmpl-test', object: 'chat.completion', model: 'test-model', choices: [{ index: 0, message: { role: 'assistant', content: 'reply 0' }, finish_reason: 'stop' }] });
    expect(second.body).toMatchObject({ choices: [{ message: { content: 'reply 1' } }] });
    expect(server.requests.map((request) => [request.index, request.method, request.path, request.body])).toEqual([
      [0, 'POST', '/v1/chat/completions', { model: 'm', messages: [] }],
      [1, 'POST', '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }],
    ]);
  });

  it('sends OpenAI-style errors with their headers', async () => {
    server = await startChatCompletionsServer(() => errorReply(429, { message: 'Rate limit', type: 'rate_limit_exceeded', headers: { 'retry-after-ms': '250', 'retry-after': '1' } }));
    const response = await post(`${server.baseURL}/chat/completions`, {});
    expect(response.status).toBe(429);
    expect(response.headers['retry-after-ms']).toBe('250');
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toEqual({ error: { message: 'Rate limit', type: 'rate_limit_exceeded', param: null, code: null } });
  });

  it('answers 500 naming the failure when the handler throws, and 404 off the route', async () => {
    server = await startChatCompletionsServer(() => {
      throw new Error('unexpected request');
    });
    const failed = await post(`${server.baseURL}/chat/completions`, {});
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error: { message: 'test server handler failed: unexpected request' } });
    const missing = await post(`${server.baseURL}/embeddings`, {});
    expect(missing.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('delays a reply, alone or for every reply with a fixed latency', async () => {
    server = await startChatCompletionsServer(withFixedLatency(20, () => delayedReply(10, completionReply({ content: 'late' }))));
    const response = await post(`${server.baseURL}/chat/completions`, {});
    expect(response.body).toMatchObject({ choices: [{ message: { content: 'late' } }] });
  });

  it('stalls after the headers, or resets the socket mid-body, as told', async () => {
    server = await startChatCompletionsServer(({ index }) => (index === 0 ? resetReply(completionReply({ content: 'cut short' }), 10) : stallAfterHeadersReply()));
    const reset = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect(reset.status).toBe(200);
    await expect(reset.text()).rejects.toThrow();
    const controller = new AbortController();
    const stalled = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', body: '{}', signal: controller.signal });
    expect([stalled.status, stalled.headers.get('content-type')]).toEqual([200, 'application/json']);
    const body = stalled.text().catch((error: unknown) => error);
    controller.abort();
    expect(await body).toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(2);
  });

  it('closes without hanging on keep-alive sockets, hanging requests or pending delays', async () => {
    const local = await startChatCompletionsServer(({ index }) => (index === 0 ? completionReply({ content: 'kept alive' }) : index === 1 ? hangReply() : delayedReply(60_000, completionReply())));
    const agent = new Agent({ keepAlive: true });
    const send = () =>
      new Promise<string>((resolve, reject) => {
        const request = httpRequest(`${local.baseURL}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(text));
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end('{}');
      });
    expect(await send()).toContain('kept alive');
    const hanging = send().catch((error: unknown) => error);
    const delayed = send().catch((error: unknown) => error);
    while (local.requests.length < 3) await new Promise((resolve) => setImmediate(resolve));
    await local.close();
    expect(await hanging).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
    agent.destroy();
  });
});
