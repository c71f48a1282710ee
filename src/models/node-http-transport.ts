import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { urlToHttpOptions } from 'node:url';
import { createReplyBatcher, type ReplyBatcher } from './reply-batcher.ts';
import { ResponseTimeoutError } from './whole-response-fetch.ts';

/** A whole HTTP reply: status, headers and the body, read to its end and decompressed. */
export interface HttpReply {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface PostOptions {
  /** One timer for the headers AND the body: a body that stalls fails like a server that never answers. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * How a model sends a JSON request and reads the whole reply. `post` resolves with any status; it
 * rejects with a ResponseTimeoutError when the whole reply did not arrive in time, the signal's reason
 * on abort, and a TransportFailure when the connection failed (refused, reset, closed mid-body).
 */
export interface ChatTransport {
  post(url: URL, headers: Record<string, string>, body: string, options: PostOptions): Promise<HttpReply>;
}

/** The connection failed before the whole reply arrived; the message says how (the cause's own message). */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(cause: unknown) {
    super(`the connection failed: ${cause instanceof Error ? `${cause.message}${'code' in cause && cause.code ? ` (${String(cause.code)})` : ''}` : String(cause)}`, { cause });
  }
}

export interface NodeHttpTransportOptions {
  /** Idle keep-alive sockets kept per host (default 256). */
  maxFreeSockets?: number;
  /**
   * How replies are handed over: in batches while other requests are out, a reply waiting at most
   * DEFAULT_REPLY_BATCH_MS, and at most 5 % of its call's time, for the others (the default);
   * `createReplyBatcher({ windowMs: 0 })` hands each over at once.
   */
  replies?: ReplyBatcher;
}

/** The default reply batch window: next to a model call (100 ms and up) it is noise; see createReplyBatcher. */
export const DEFAULT_REPLY_BATCH_MS = 5;

/** The body stream of a reply, decompressed (gzip, deflate, br) when the server compressed it. */
export function decodedBody(response: IncomingMessage): NodeJS.ReadableStream {
  switch (response.headers['content-encoding']) {
    case 'gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

/** What an aborted request rejects with: the signal's reason when it is an error, else an AbortError. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

/**
 * A ChatTransport over node:http(s) with keep-alive agents: the batch's, where the client's CPU per
 * request bounds a batch at high concurrency (no WHATWG Request/Response/Headers objects, no streams
 * adapter, one JSON body string each way). Replies that come in while other requests are out are handed
 * over in batches (`replies`). It follows no redirect. Make one per batch: every model of it shares
 * the agents and the batches, so one endpoint keeps one pool of connections whichever role calls it.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): ChatTransport {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 256 }),
    'https:': new HttpsAgent({ keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 256 }),
  };
  const replies = options.replies ?? createReplyBatcher({ windowMs: DEFAULT_REPLY_BATCH_MS });
  // Where each URL points, as request options, worked out once per URL (a model posts to one URL all run long).
  const targets = new WeakMap<URL, ReturnType<typeof urlToHttpOptions>>();
  const targetOf = (url: URL) => {
    let target = targets.get(url);
    if (target === undefined) targets.set(url, (target = urlToHttpOptions(url)));
    return target;
  };
  return {
    post: (url, headers, body, { timeoutMs, signal }) =>
      new Promise<HttpReply>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
        const send = protocol === 'https:' ? httpsRequest : httpRequest;
        replies.begin();
        const sentAt = performance.now();
        /** Still counted among the requests out: until its reply is in, or it ends without one. */
        let out = true;
        let settled = false;
        const settle = (error: unknown, reply?: HttpReply) => {
          if (settled) return;
          settled = true;
          if (out) {
            out = false;
            replies.abandon();
          }
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (reply) resolve(reply);
          else reject(error);
        };
        // Once the whole reply is in (waiting for its batch), the connection can no longer fail it.
        const fail = (error: unknown) => {
          if (out) settle(signal?.aborted ? abortReason(signal) : new TransportFailure(error));
        };
        const onAbort = () => {
          settle(abortReason(signal as AbortSignal));
          outgoing.destroy();
        };
        const timer = setTimeout(() => {
          settle(new ResponseTimeoutError(timeoutMs));
          outgoing.destroy();
        }, timeoutMs);
        // The body goes as the text it is: node:http then sends it and the head in one write (a Buffer would be copied, and written beside the head).
        const outgoing = send({ ...targetOf(url), method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body, 'utf8')) }, agent: agents[protocol] }, (incoming) => {
          const chunks: Buffer[] = [];
          const stream = decodedBody(incoming);
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          // A decompressing pipe does not pass on the socket's errors: a reset mid-body must still fail.
          if (stream !== incoming) incoming.on('error', fail);
          incoming.on('close', () => {
            if (!incoming.complete) fail(new Error('the connection closed before the whole body arrived'));
          });
          stream.on('end', () => {
            if (settled) return;
            out = false;
            // Nor the timer.
            clearTimeout(timer);
            const reply = { status: incoming.statusCode ?? 500, statusText: incoming.statusMessage ?? '', headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') };
            replies.complete(() => settle(undefined, reply), performance.now() - sentAt);
          });
        });
        outgoing.on('error', fail);
        signal?.addEventListener('abort', onAbort, { once: true });
        outgoing.end(body, 'utf8');
      }),
  };
}
