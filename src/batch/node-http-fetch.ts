import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchFunction } from '../models/index.ts';
import { abortReason, decodedBody } from '../models/node-http-transport.ts';

export interface NodeHttpFetchOptions {
  /** Idle keep-alive sockets kept per host (default 256). */
  maxFreeSockets?: number;
}

/**
 * A `fetch` for the OpenAI SDK over node:http(s) with keep-alive agents: ~4x less CPU than the global
 * fetch (undici) per bare request, ~1.5x less through the SDK. (The batch goes further and skips the SDK:
 * see createNodeHttpTransport.) It sends the request whole, reads the reply whole (decompressing
 * gzip/deflate/br), follows no redirect, and rejects like fetch: an AbortError on abort, a TypeError
 * ("fetch failed") with the cause on a transport failure, a connection reset or closed mid-body included.
 * It resolves only once the whole body is in, so the caller's signal (the adapter's whole-response
 * timeout) covers the headers and the body.
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): FetchFunction {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 256 }),
    'https:': new HttpsAgent({ keepAlive: true, maxFreeSockets: options.maxFreeSockets ?? 256 }),
  };
  const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(abortReason(signal));
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : Buffer.from(init.body as ArrayBuffer);
      if (body) headers['content-length'] = String(body.length);
      const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
      const send = protocol === 'https:' ? httpsRequest : httpRequest;
      const onAbort = () => {
        outgoing.destroy();
        reject(abortReason(signal as AbortSignal));
      };
      const outgoing = send(url, { method: init.method ?? 'GET', headers, agent: agents[protocol] }, (incoming) => {
        const chunks: Buffer[] = [];
        const stream = decodedBody(incoming);
        const fail = (error: Error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error }));
        };
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', fail);
        // A decompressing pipe does not pass on the socket's errors: a reset mid-body must still fail the fetch.
        if (stream !== incoming) incoming.on('error', fail);
        incoming.on('close', () => {
          if (!incoming.complete) fail(new Error('the connection closed before the whole body arrived'));
        });
        stream.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value === undefined || name === 'content-encoding' || name === 'content-length') continue;
            responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          const status = incoming.statusCode ?? 500;
          const noBody = status === 204 || status === 205 || status === 304;
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders }));
        });
      });
      outgoing.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error }));
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.end(body);
    });
  return nodeFetch as FetchFunction;
}
