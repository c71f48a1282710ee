import { createHash, type Hash } from 'node:crypto';
import { canonicalJson, canonicalJsonOnce, type FunctionToolSchema } from '../domain-kit/index.ts';
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ModelConfig } from '../models/index.ts';
import { messageTextMemo } from '../models/message-text-memo.ts';
import type { ResponseCache } from './response-cache.ts';

/** Configuration fields that do not change what the model answers: never part of a key (the key itself is never anywhere). */
const notInKey = new Set<string>(['apiKeyEnv', 'timeoutMs', 'maxRetries']);

/** What identifies the model side of a request: endpoint, model and every sampling setting (seed included). */
export function requestIdentity(config: ModelConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([field, value]) => !notInKey.has(field) && value !== undefined));
}

/** What a cache key is the hash of. */
export interface RequestDescription {
  model: Record<string, unknown>;
  messages: ChatRequest['messages'];
  tools: readonly FunctionToolSchema[];
  scope: string;
}

/** A message's canonical JSON; a system message's is made once per text when it carries nothing else (every rollout sends the same policy). */
const canonicalMessage = messageTextMemo(canonicalJson, (message) => (message.note === undefined ? message.content : undefined), { byObject: false });

const MESSAGES_OPEN = '{"messages":[';

/** The rest of a description after its messages, in canonical key order: model, scope, tools. */
function finishRequestHash(hash: Hash, description: RequestDescription): string {
  return hash
    .update(']')
    .update(',"model":')
    .update(canonicalJsonOnce(description.model))
    .update(',"scope":')
    .update(JSON.stringify(description.scope))
    .update(',"tools":')
    .update(canonicalJsonOnce(description.tools))
    .update('}')
    .digest('hex');
}

/** Hash states a scope keeps, of its latest requests. */
const KEPT_HASH_STATES = 3;

/**
 * The hash of a request, for the calls of one scope, which resend their earlier messages on every call: it keeps
 * the hash state at the end of each request of the scope, and a request that starts with the same message
 * objects as one of them (messages are never changed once made) resumes from there, so a call hashes only
 * the messages it adds. A request that shares less is hashed from the last such state it does share, or
 * whole. Always the hash of the whole description (`cacheKeyOf`).
 */
export function incrementalRequestHash(): (description: RequestDescription) => string {
  let sent: readonly ChatMessage[] = [];
  /** Hash states after `{"messages":[` and the first `length` messages of `sent`, one per recent request, shortest first. */
  let states: { length: number; hash: Hash }[] = [];
  return (description) => {
    const { messages } = description;
    let shared = 0;
    while (shared < sent.length && shared < messages.length && messages[shared] === sent[shared]) shared++;
    states = states.filter((state) => state.length <= shared);
    const resume = states[states.length - 1];
    const hash = resume ? resume.hash.copy() : createHash('sha256').update(MESSAGES_OPEN);
    for (let index = resume?.length ?? 0; index < messages.length; index++) (index === 0 ? hash : hash.update(',')).update(canonicalMessage(messages[index] as ChatMessage));
    if (messages.length > (resume?.length ?? -1)) states.push({ length: messages.length, hash: hash.copy() });
    // A few are enough (a request extends the last one, or one before a retry); a live rollout holds no more.
    if (states.length > KEPT_HASH_STATES) states.shift();
    sent = messages.slice();
    return finishRequestHash(hash, description);
  };
}

/**
 * The hash of a request: SHA-256 of the RFC 8785 canonical JSON of its description — the same hash as
 * `cacheKeyOf(description)` (keys sorted: messages, model, scope, tools), built from parts so that the
 * model and the tool list are canonicalised once, not on every call. A one-off: a scope's calls use
 * `incrementalRequestHash`.
 */
export const requestHash = (description: RequestDescription): string => incrementalRequestHash()(description);

export interface ResponseCacheOptions {
  cache: ResponseCache;
  /** `requestIdentity(config)` of the model underneath. */
  identity: Record<string, unknown>;
  /**
   * Whose calls these are (e.g. `<job id>/agent`). Without it, the k trials of a blueprint would share
   * their first answers: trials send identical first requests and expect independent samples.
   */
  scope: string;
  /** Told about every answer served from the cache (for the accounting). */
  onHit?: () => void;
  /** The hash of a request (`incrementalRequestHash()` by default: tests count the requests hashed with it). */
  hashRequest?: (description: RequestDescription) => string;
}

/**
 * A ChatModel that answers from the on-disk cache when it can and stores every fresh answer. The key is
 * the full request — endpoint, model, sampling settings, messages, tools — plus the scope, canonicalised
 * and hashed once per call (only the messages a call adds: see `incrementalRequestHash`), and how many identical requests the scope made before (Best-of-N asks the
 * same thing n times). A resumed run replays its answers instead of paying for them again. Errors are
 * never stored. Make one per scope.
 */
export function withResponseCache(model: ChatModel, options: ResponseCacheOptions): ChatModel {
  const occurrences = new Map<string, number>();
  const hashRequest = options.hashRequest ?? incrementalRequestHash();
  const tools: readonly FunctionToolSchema[] = [];
  return {
    id: model.id,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      request.signal?.throwIfAborted();
      const hash = hashRequest({ model: options.identity, messages: request.messages, tools: request.tools ?? tools, scope: options.scope });
      const occurrence = occurrences.get(hash) ?? 0;
      occurrences.set(hash, occurrence + 1);
      const key = { request: hash, occurrence };
      const cached = await options.cache.get(key);
      if (cached) {
        options.onHit?.();
        return cached;
      }
      const response = await model.complete(request);
      await options.cache.put(key, response);
      return response;
    },
  };
}
