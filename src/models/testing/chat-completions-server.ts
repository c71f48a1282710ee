import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 speaking the chat-completions wire format, so the OpenAI adapter
 * can be exercised through the real SDK (retries, timeouts, tool-call parsing, usage) with no network.
 *
 * A handler decides each reply; the server records every request it was sent (`requests`: index, method,
 * path, headers, parsed body), retries included, so a test can count them and check what reached it.
 * Replies:
 * - `completionReply`, `errorReply`, `jsonReply`, `rawReply`: a body, whole;
 * - `delayedReply`, `hangReply`: late, or never (not even the headers);
 * - `stallAfterHeadersReply`: the headers of a 200, then never the body (the client must give up);
 * - `resetReply`: the headers and part of the body, then the socket is destroyed.
 * The named behaviours of real servers (`think`, `reasoning_content`, `hermes`, `strict-template`,
 * `vllm-error`, `reset`...) are built from these in server-behaviours.ts: `conformanceHandler`.
 */

/** One chat-completions request as the server received it. */
export interface ReceivedRequest {
  /** 0 for the first chat-completions request, then 1, 2... (retries count: each is a request). */
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export type ServerReply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; text: string; contentType: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number; then: ServerReply }
  | { kind: 'hang' }
  | { kind: 'stall-after-headers'; status: number; contentType: string }
  | { kind: 'reset'; status: number; text: string; contentType: string; sentBytes: number };

export type ChatCompletionsHandler = (request: ReceivedRequest) => ServerReply | Promise<ServerReply>;

export interface ChatCompletionsServer {
  /** Ends in /v1, ready for the SDK's `baseURL`. */
  baseURL: string;
  requests: ReceivedRequest[];
  /** Stops the server, dropping open keep-alive sockets and pending replies (a second call waits for the first). */
  close(): Promise<void>;
}

export interface WireToolCall {
  name: string;
  /** Raw text is sent as it is (malformed JSON included); an object is serialised. */
  arguments: string | Record<string, unknown>;
  /** `call_<n>` by default; `null` leaves the id out. */
  id?: string | null;
}

export interface CompletionReplyOptions {
  /** `null` sends `content: null`; absent sends null with tool calls and "" without. */
  content?: string | null;
  toolCalls?: WireToolCall[];
  /** Left out of the body when absent. */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens?: number };
  /** `stop` or `tool_calls` by default; `null` leaves it out. */
  finishReason?: string | null;
  /** `null` leaves it out. */
  model?: string | null;
  /** `null` leaves it out. */
  id?: string | null;
  headers?: Record<string, string>;
  /** More fields of the message, as some servers send them (`reasoning_content`, `reasoning`...). */
  messageFields?: Record<string, unknown>;
}

/** A 200 chat completion. */
export function completionReply(options: CompletionReplyOptions = {}): ServerReply {
  const toolCalls = options.toolCalls ?? [];
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: options.content !== undefined ? options.content : toolCalls.length > 0 ? null : '',
    ...options.messageFields,
  };
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls.map((call, index) => {
      const wire: Record<string, unknown> = {
        type: 'function',
        function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
      };
      if (call.id !== null) wire.id = call.id ?? `call_${index + 1}`;
      return wire;
    });
  }
  const choice: Record<string, unknown> = { index: 0, message };
  const finishReason = options.finishReason !== undefined ? options.finishReason : toolCalls.length > 0 ? 'tool_calls' : 'stop';
  if (finishReason !== null) choice.finish_reason = finishReason;
  const body: Record<string, unknown> = { object: 'chat.completion', created: 0, choices: [choice] };
  const id = options.id !== undefined ? options.id : 'chatcmpl-test';
  if (id !== null) body.id = id;
  const model = options.model !== undefined ? options.model : 'test-model';
  if (model !== null) body.model = model;
  if (options.usage) {
    const { prompt_tokens, completion_tokens } = options.usage;
    body.usage = { prompt_tokens, completion_tokens, total_tokens: options.usage.total_tokens ?? prompt_tokens + completion_tokens };
  }
  return { kind: 'json', status: 200, body, ...(options.headers ? { headers: options.headers } : {}) };
}

export interface ErrorReplyOptions {
  message?: string;
  type?: string;
  code?: string | null;
  /** For example `{ 'retry-after-ms': '10' }` or `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
}

/** An HTTP error with an OpenAI-style body `{ error: { message, type, param, code } }`. */
export function errorReply(status: number, options: ErrorReplyOptions = {}): ServerReply {
  const body = {
    error: { message: options.message ?? `test server error ${status}`, type: options.type ?? 'server_error', param: null, code: options.code ?? null },
  };
  return { kind: 'json', status, body, ...(options.headers ? { headers: options.headers } : {}) };
}

/** Any JSON body (for replies that are not valid completions). */
export function jsonReply(body: unknown, status = 200, headers?: Record<string, string>): ServerReply {
  return { kind: 'json', status, body, ...(headers ? { headers } : {}) };
}

/** Any text body with any content type (for example JSON that does not parse). */
export function rawReply(text: string, options: { status?: number; contentType?: string; headers?: Record<string, string> } = {}): ServerReply {
  return { kind: 'raw', status: options.status ?? 200, text, contentType: options.contentType ?? 'text/plain', ...(options.headers ? { headers: options.headers } : {}) };
}

/** `reply`, sent after `ms` milliseconds. */
export function delayedReply(ms: number, reply: ServerReply): ServerReply {
  return { kind: 'delay', ms, then: reply };
}

/** Never answers: the client has to time out or abort. */
export function hangReply(): ServerReply {
  return { kind: 'hang' };
}

/** The headers of a 200 JSON reply, flushed, then nothing: the body never comes, until the client gives up. */
export function stallAfterHeadersReply(status = 200): ServerReply {
  return { kind: 'stall-after-headers', status, contentType: 'application/json' };
}

/**
 * The headers of `reply` (a whole body: json or raw) announcing its full length, then the first half of
 * the body (or `sentBytes`), then the socket is destroyed: a connection reset mid-body.
 */
export function resetReply(reply: ServerReply, sentBytes?: number): ServerReply {
  if (reply.kind !== 'json' && reply.kind !== 'raw') throw new TypeError(`resetReply needs a json or raw reply, got ${reply.kind}`);
  const [contentType, text] = reply.kind === 'json' ? ['application/json', JSON.stringify(reply.body)] : [reply.contentType, reply.text];
  return { kind: 'reset', status: reply.status, text, contentType, sentBytes: sentBytes ?? Math.floor(Buffer.byteLength(text) / 2) };
}

/** Every reply of `handler`, delayed by the same latency (a stand-in for a model server in benchmarks). */
export function withFixedLatency(latencyMs: number, handler: ChatCompletionsHandler): ChatCompletionsHandler {
  return async (request) => delayedReply(latencyMs, await handler(request));
}

/** Starts the server on an ephemeral port of 127.0.0.1 (never any other interface). */
export async function startChatCompletionsServer(handler: ChatCompletionsHandler): Promise<ChatCompletionsServer> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const waitUnlessClosed = (ms: number, response: ServerResponse) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timers.add(timer);
      response.once('close', done);
      function done() {
        clearTimeout(timer);
        timers.delete(timer);
        response.off('close', done);
        resolve();
      }
    });

  async function deliver(reply: ServerReply, response: ServerResponse): Promise<void> {
    let current = reply;
    while (current.kind === 'delay') {
      await waitUnlessClosed(current.ms, response);
      if (response.destroyed || response.writableEnded) return;
      current = current.then;
    }
    if (current.kind === 'hang') return;
    if (current.kind === 'stall-after-headers') {
      response.writeHead(current.status, { 'content-type': current.contentType });
      response.flushHeaders();
      return;
    }
    if (current.kind === 'reset') {
      const whole = Buffer.from(current.text);
      response.writeHead(current.status, { 'content-type': current.contentType, 'content-length': whole.length });
      response.write(whole.subarray(0, current.sentBytes), () => response.socket?.destroy());
      return;
    }
    const [contentType, text] = current.kind === 'json' ? ['application/json', JSON.stringify(current.body)] : [current.contentType, current.text];
    response.writeHead(current.status, { ...current.headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    response.end(text);
  }

  async function respond(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(incoming);
    const path = incoming.url ?? '/';
    if (incoming.method !== 'POST' || !path.endsWith('/chat/completions')) {
      await deliver(errorReply(404, { message: `no route ${incoming.method} ${path}`, type: 'invalid_request_error', headers: { 'x-should-retry': 'false' } }), response);
      return;
    }
    const received: ReceivedRequest = { index: requests.length, method: incoming.method, path, headers: incoming.headers, body: parseJson(text) };
    requests.push(received);
    let reply: ServerReply;
    try {
      reply = await handler(received);
    } catch (error) {
      const message = `test server handler failed: ${error instanceof Error ? error.message : String(error)}`;
      reply = errorReply(500, { message, headers: { 'x-should-retry': 'false' } });
    }
    await deliver(reply, response);
  }

  const server = createServer((incoming, response) => {
    respond(incoming, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
