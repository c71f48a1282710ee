import { parseJsonObject } from './json-object.ts';

/**
 * Error bodies as OpenAI-compatible servers really send them, read into one shape. The SDK understands
 * only OpenAI's `{"error": {"message", "type", "param", "code"}}`; anything else it shows as "(no body)"
 * or as a JSON dump. Seen in the wild:
 * - OpenAI, llama.cpp server, Ollama's /v1: `{"error": {"message", "type", "code"}}` (llama.cpp's code is a number);
 * - vLLM: `{"object": "error", "message", "type", "param", "code"}` (the code is the HTTP status);
 * - Ollama's native API and vLLM's API-key check: `{"error": "text"}`;
 * - FastAPI validation (servers built on it): `{"detail": "text"}` or `{"detail": [{"msg": ...}]}`;
 * - proxies and others: `{"message": "text"}`, or plain text / HTML.
 */

/** What an error body said; every field is absent when the body did not say it. */
export interface ServerErrorDetail {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

function detailOf(fields: Record<string, unknown>, message: string | undefined): ServerErrorDetail {
  const detail: ServerErrorDetail = {};
  if (message !== undefined) detail.message = message;
  const type = text(fields.type);
  const code = text(fields.code);
  const param = text(fields.param);
  if (type !== undefined) detail.type = type;
  if (code !== undefined) detail.code = code;
  if (param !== undefined) detail.param = param;
  return detail;
}

function fastApiDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return undefined;
  const messages = detail.map((item) => (typeof item === 'object' && item !== null ? text((item as Record<string, unknown>).msg) : undefined)).filter((message) => message !== undefined);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** Reads an error body in any of the shapes above; undefined when it is not JSON of a known shape. */
export function readErrorBody(body: string): ServerErrorDetail | undefined {
  const fields = parseJsonObject(body);
  if (!fields) return undefined;
  const error = fields.error;
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const inner = error as Record<string, unknown>;
    return detailOf(inner, text(inner.message) ?? (inner.message !== undefined ? JSON.stringify(inner.message) : undefined));
  }
  if (typeof error === 'string') return { message: error };
  if (text(fields.message) !== undefined) return detailOf(fields, text(fields.message));
  const fromDetail = fastApiDetail(fields.detail);
  if (fromDetail !== undefined) return { message: fromDetail };
  return undefined;
}

/**
 * The body in OpenAI's shape, so the SDK reports the server's own words: a known shape is rewritten, a
 * body of another kind becomes the message as it is (trimmed to 1,000 characters), an empty one says so.
 */
export function toOpenAIErrorBody(body: string, status: number, statusText: string): string {
  const detail = readErrorBody(body) ?? { message: body.trim() === '' ? `${statusText || 'error'} (the server sent an empty body)` : oneLine(body) };
  return JSON.stringify({ error: { message: detail.message ?? `${statusText || 'error'} (the server sent no message)`, type: detail.type ?? null, param: detail.param ?? null, code: detail.code ?? null } });
}

/** The body on one line; an HTML page (a proxy's 502) without its tags. */
function oneLine(body: string): string {
  const text = /^\s*</.test(body) ? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ') : body;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 1000 ? `${flat.slice(0, 1000)}...` : flat;
}

/**
 * Whether the message is a chat template refusing the conversation (jinja's `raise_exception`: roles that
 * do not alternate, a system message that is not first). llama.cpp sends these as 500s; no retry can fix
 * them, since the same messages fail the same way.
 */
export function isChatTemplateError(message: string): boolean {
  return /jinja|TemplateError|raise_exception|roles must alternate|conversation roles|system (message|role) (is )?not supported|only user and assistant roles/i.test(message);
}
