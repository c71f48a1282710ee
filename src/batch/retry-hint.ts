import type { RetryHeaders } from '../models/index.ts';

/** The longest wait a server's hint may impose; a longer one is cut to this. */
export const MAX_RETRY_HINT_MS = 120_000;

/**
 * How long the server asked the client to wait before retrying, in milliseconds: `retry-after-ms`
 * (OpenAI, Azure) first, then `retry-after` as seconds or as an HTTP date (measured from `now`).
 * Undefined when it gave no usable hint.
 */
export function retryHintMs(headers: RetryHeaders, now: number): number | undefined {
  const milliseconds = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.min(milliseconds, MAX_RETRY_HINT_MS);
  const text = headers['retry-after']?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_HINT_MS);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_HINT_MS);
}

/** Exponential backoff without a hint: 0.5 s, 1 s, 2 s... at most 8 s (the SDK's curve, without its jitter). */
export function backoffMs(attempt: number, initialMs = 500, maxMs = 8_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}
