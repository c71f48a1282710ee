import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { completionReply, createNodeHttpTransport, createReplyBatcher, startChatCompletionsServer, TransportFailure, type ScheduleFlush } from '../../src/models/index.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A server that answers each request (numbered from 0 in arrival order) only when the test says so. */
async function heldServer() {
  const waiting: ServerResponse[] = [];
  const arrivals: Array<(response: ServerResponse) => void> = [];
  const server = createServer((_, response) => {
    const next = arrivals.shift();
    if (next) next(response);
    else waiting.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('connection', (socket) => closers.push(async () => void socket.destroy()));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const nextRequest = () => new Promise<ServerResponse>((resolve) => (waiting.length > 0 ? resolve(waiting.shift() as ServerResponse) : arrivals.push(resolve)));
  const answer = (response: ServerResponse, text: string) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`), nextRequest, answer };
}

const post = { headers: { 'content-type': 'application/json' }, body: '{}', options: { timeoutMs: 60_000 } };
/** A window no test waits out: a reply it holds comes only with the batch. */
const LONG_WINDOW_MS = 600_000;
/** Lets a reply wait the whole window however quick its call was (a loopback call takes a millisecond or two). */
const HOLD_ANY_CALL = 1_000_000;

describe('the node:http transport hands replies over in batches', () => {
  it('holds a reply that comes in while another request is out, then hands both over when the other comes in', async () => {
    const { url, nextRequest, answer } = await heldServer();
    // The batch's timer is asked for when the first reply is in while the second is out; it never fires here.
    const flushes: number[] = [];
    let replyHeld: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (replyHeld = resolve));
    const recording: ScheduleFlush = (_, ms) => {
      flushes.push(ms);
      replyHeld();
      return () => undefined;
    };
    const transport = createNodeHttpTransport({ replies: createReplyBatcher({ windowMs: LONG_WINDOW_MS, holdShare: HOLD_ANY_CALL, schedule: recording }) });
    const order: string[] = [];
    const first = transport.post(url, post.headers, post.body, post.options).then((reply) => order.push(`first ${reply.body}`));
    const second = transport.post(url, post.headers, post.body, post.options).then((reply) => order.push(`second ${reply.body}`));
    const [a, b] = [await nextRequest(), await nextRequest()];
    answer(a, '"A"');
    // The first reply is whole at the client, and waits for its batch: nothing is handed over yet.
    await held;
    expect(flushes).toEqual([LONG_WINDOW_MS]);
    expect(order).toEqual([]);
    answer(b, '"B"');
    await Promise.all([first, second]);
    expect(order).toEqual(['first "A"', 'second "B"']);
  });

  it('never holds a lone request, nor one after a failed request (which no longer counts)', async () => {
    const { url, nextRequest, answer } = await heldServer();
    const transport = createNodeHttpTransport({ replies: createReplyBatcher({ windowMs: LONG_WINDOW_MS, holdShare: HOLD_ANY_CALL }) });
    const lone = transport.post(url, post.headers, post.body, post.options);
    answer(await nextRequest(), '"lone"');
    expect((await lone).body).toBe('"lone"');

    const closed = await startChatCompletionsServer(() => completionReply());
    await closed.close();
    const refused = await transport.post(new URL(`${closed.baseURL}/chat/completions`), post.headers, post.body, post.options).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TransportFailure);
    const after = transport.post(url, post.headers, post.body, post.options);
    answer(await nextRequest(), '"after"');
    expect((await after).body).toBe('"after"');
  });
});
