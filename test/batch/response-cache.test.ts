import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { incrementalRequestHash, requestHash, requestIdentity, withResponseCache, type RequestDescription } from '../../src/batch/cached-chat-model.ts';
import { EndpointLimiters } from '../../src/batch/endpoint-limiter.ts';
import { ModelStack } from '../../src/batch/model-stack.ts';
import { cacheKeyOf, LEGACY_RESPONSE_CACHE_FOLDER, RESPONSE_CACHE_FILE, ResponseCache } from '../../src/batch/response-cache.ts';
import { UsageLedger } from '../../src/batch/usage-ledger.ts';
import {
  completionReply,
  createOpenAIChatModel,
  parseModelConfig,
  ScriptedChatModel,
  startChatCompletionsServer,
  textReply,
  type ChatModel,
  type ChatRequest,
  type ModelConfig,
} from '../../src/models/index.ts';
import { getDomain } from '../../domains/index.ts';
import { FakeClock } from './support/fake-clock.ts';

const runFolder = () => mkdtempSync(join(tmpdir(), 'interplay-cache-'));
const opened: ResponseCache[] = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()?.close();
});
/** The cache of a (new, by default) run folder, closed after the test. */
const openCache = (folder = runFolder()) => {
  const cache = ResponseCache.ofRun(folder);
  opened.push(cache);
  return cache;
};
const cacheLines = (folder: string) => readFileSync(join(folder, RESPONSE_CACHE_FILE), 'utf8').split('\n').filter((line) => line !== '');
const config = parseModelConfig({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', temperature: 0.7, seed: 3 }, 'test');
const request: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };

/** A model that answers "answer <n>" for its n-th call, or throws when told to. */
function countingModel(failFirst = false) {
  let calls = 0;
  const model: ChatModel = {
    id: 'counting',
    async complete() {
      calls++;
      if (failFirst && calls === 1) throw new Error('endpoint down');
      return { message: { role: 'assistant', content: `answer ${calls}` }, model: 'm', usage: { promptTokens: 5, completionTokens: 2, totalTokens: 7 } };
    },
  };
  return { model, calls: () => calls };
}

const cached = (model: ChatModel, cache: ResponseCache, scope = 'job#0/agent', identity: Record<string, unknown> = requestIdentity(config)) => withResponseCache(model, { cache, identity, scope });

describe('the response cache', () => {
  it('answers a repeated request (same scope, same occurrence) from disk, and misses on anything new', async () => {
    const cache = openCache();
    const { model, calls } = countingModel();
    const first = cached(model, cache);
    expect((await first.complete(request)).message.content).toBe('answer 1');
    // Asked again in the same scope: a new sample (Best-of-N), not the cached one.
    expect((await first.complete(request)).message.content).toBe('answer 2');

    // A resumed run: a new wrapper for the same scope replays both answers, in order, for free.
    const replay = cached(model, cache);
    expect((await replay.complete(request)).message.content).toBe('answer 1');
    expect((await replay.complete(request)).message.content).toBe('answer 2');
    expect((await replay.complete(request)).message.content).toBe('answer 3');
    expect(calls()).toBe(3);

    // Another job's scope, or another message: misses.
    expect((await cached(model, cache, 'job#1/agent').complete(request)).message.content).toBe('answer 4');
    expect((await cached(model, cache).complete({ messages: [{ role: 'user', content: 'Hello' }] })).message.content).toBe('answer 5');
  });

  it('never stores an error', async () => {
    const cache = openCache();
    const { model, calls } = countingModel(true);
    await expect(cached(model, cache).complete(request)).rejects.toThrow('endpoint down');
    expect((await cached(model, cache).complete(request)).message.content).toBe('answer 2');
    expect(calls()).toBe(2);
  });

  it('keys on every sampling setting, the endpoint and the model — never on the key or transport settings', () => {
    const identity = (changes: Partial<ModelConfig>) => cacheKeyOf({ model: requestIdentity({ ...config, ...changes }), messages: request.messages, tools: [], scope: 's' });
    const base = identity({});
    for (const changes of [{ temperature: 0.2 }, { seed: 4 }, { maxTokens: 100 }, { parallelToolCalls: false }, { model: 'other' }, { baseURL: 'http://127.0.0.1:10/v1' }]) {
      expect(identity(changes), JSON.stringify(changes)).not.toBe(base);
    }
    for (const changes of [{ apiKeyEnv: 'OTHER_KEY' }, { timeoutMs: 5 }, { maxRetries: 9 }]) expect(identity(changes), JSON.stringify(changes)).toBe(base);
  });

  it('keeps answers in one append-only file: one line per fresh answer, all of them found again after a reopen', async () => {
    const folder = runFolder();
    const { model, calls } = countingModel();
    const writing = openCache(folder);
    // Concurrent answers (eight scopes at once) share writes, and every line stays whole.
    await Promise.all(Array.from({ length: 8 }, (_, job) => cached(model, writing, `job#${job}/agent`).complete(request)));
    // The same request again in one scope: a second answer (Best-of-N), a line of its own.
    const again = cached(model, writing);
    await again.complete(request);
    await again.complete(request);
    expect(calls()).toBe(9);
    await writing.close();
    expect(existsSync(join(folder, LEGACY_RESPONSE_CACHE_FOLDER))).toBe(false);
    const lines = cacheLines(folder).map((line) => JSON.parse(line));
    expect(lines).toHaveLength(9);
    expect(lines.every((line) => line.schemaVersion === 1 && typeof line.key === 'string' && line.response.model === 'm')).toBe(true);

    const reading = openCache(folder);
    const replayed = await Promise.all(Array.from({ length: 8 }, (_, job) => cached(model, reading, `job#${job}/agent`).complete(request)));
    expect(new Set(replayed.map((response) => response.message.content)).size).toBe(8);
    const sameScope = cached(model, reading);
    await sameScope.complete(request);
    expect((await sameScope.complete(request)).message.content).toBe('answer 9');
    expect((await sameScope.complete(request)).message.content).toBe('answer 10');
    expect(calls()).toBe(10);
  });

  it('cuts a torn last line when it opens, and reads a line that does not parse, or names another key, as a miss', async () => {
    const folder = runFolder();
    const { model, calls } = countingModel();
    const first = openCache(folder);
    await cached(model, first).complete(request);
    await cached(model, first, 'job#1/agent').complete(request);
    await first.close();
    const [whole, second] = cacheLines(folder) as [string, string];
    // A crash mid-append leaves half a line.
    appendFileSync(join(folder, RESPONSE_CACHE_FILE), whole.slice(0, 40));

    const reopened = openCache(folder);
    expect((await cached(model, reopened).complete(request)).message.content).toBe('answer 1');
    expect(readFileSync(join(folder, RESPONSE_CACHE_FILE), 'utf8')).toBe(`${whole}\n${second}\n`);
    expect((await cached(model, reopened, 'job#2/agent').complete(request)).message.content).toBe('answer 3');
    await reopened.close();
    expect(cacheLines(folder)).toHaveLength(3);

    // The first entry damaged (its text no longer JSON), the second no longer an entry (its response a
    // number): both miss, and the fresh answers appended after them win from then on.
    const third = cacheLines(folder)[2] as string;
    const notAnEntry = JSON.stringify({ ...JSON.parse(second), response: 7 });
    writeFileSync(join(folder, RESPONSE_CACHE_FILE), `${whole.replace('"response":{', '"response":[')}\n${notAnEntry}\n${third}\n`);
    const damaged = openCache(folder);
    expect((await cached(model, damaged).complete(request)).message.content).toBe('answer 4');
    expect((await cached(model, damaged, 'job#1/agent').complete(request)).message.content).toBe('answer 5');
    await damaged.close();
    const healed = openCache(folder);
    expect((await cached(model, healed).complete(request)).message.content).toBe('answer 4');
    expect((await cached(model, healed, 'job#1/agent').complete(request)).message.content).toBe('answer 5');
    expect((await cached(model, healed, 'job#2/agent').complete(request)).message.content).toBe('answer 3');
    expect(calls()).toBe(5);
  });

  it('canonicalises and hashes each request once, hit or miss', async () => {
    const cache = openCache();
    const { model } = countingModel();
    let hashed = 0;
    const counting = (scope: string) =>
      withResponseCache(model, {
        cache,
        identity: requestIdentity(config),
        scope,
        hashRequest: (description) => {
          hashed += 1;
          return requestHash(description);
        },
      });
    await counting('s').complete(request);
    await counting('s').complete(request);
    await counting('s').complete({ messages: [...request.messages, { role: 'assistant', content: 'answer 1' }, { role: 'user', content: 'And?' }] });
    expect(hashed).toBe(3);
  });

  it('hashes a request from its parts exactly as the canonical JSON of the whole description', () => {
    const tools = getDomain('retail').toolSchemas();
    const messages = [...request.messages, { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'find_user_id_by_email', arguments: '{"email":"é@x"}' } }] }];
    for (const description of [
      { model: requestIdentity(config), messages: request.messages, tools: [], scope: 'job#0/agent' },
      { model: requestIdentity({ ...config, temperature: 0 }), messages, tools, scope: 'validation/"quoted"/reviewer-0' },
      // Another rollout's copy of the same system text, then the same text as a protocol note (made once per text, the note apart).
      { model: requestIdentity(config), messages: [{ role: 'system' as const, content: request.messages[0]?.content ?? '' }, ...messages.slice(1)], tools, scope: 's' },
      { model: requestIdentity(config), messages: [...messages, { role: 'system' as const, content: request.messages[0]?.content ?? '', note: 'protocol' as const }], tools, scope: 's' },
    ]) {
      expect(requestHash(description)).toBe(cacheKeyOf(description));
      // Parts made once are reused: the same again.
      expect(requestHash(description)).toBe(cacheKeyOf(description));
    }
  });

  it('hashes a scope\'s growing requests incrementally, always to the hash of the whole description', () => {
    const tools = getDomain('retail').toolSchemas();
    const model = requestIdentity(config);
    const system = { role: 'system' as const, content: 'policy' };
    const ask = { role: 'user' as const, content: 'Cancel #W1' };
    const lookUp = { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } }] };
    const found = { role: 'tool' as const, tool_call_id: 'c1', content: '{"status": "pending"}' };
    const confirm = { role: 'assistant' as const, content: 'Cancel it?' };
    const yes = { role: 'user' as const, content: 'Yes' };
    const sequence: RequestDescription[] = [
      { model, messages: [system, ask], tools, scope: 's' },
      { model, messages: [system, ask, lookUp, found], tools, scope: 's' },
      // The same request again, then one that grows by two.
      { model, messages: [system, ask, lookUp, found], tools, scope: 's' },
      { model, messages: [system, ask, lookUp, found, confirm, yes], tools, scope: 's' },
      // A message in the middle made anew (a merged view): equal content, another object.
      { model, messages: [system, ask, { ...lookUp }, found, confirm, yes], tools, scope: 's' },
      // A middle message with other content, a shorter request, one with nothing shared, and none at all.
      { model, messages: [system, ask, lookUp, { ...found, content: '{"status": "delivered"}' }], tools, scope: 's' },
      { model, messages: [system, ask], tools, scope: 's' },
      { model, messages: [{ role: 'system', content: 'persona' }, { role: 'user', content: 'Hi' }], tools: [], scope: 's' },
      { model, messages: [], tools: [], scope: 's' },
      { model, messages: [system, ask, lookUp], tools, scope: 'another' },
    ];
    const hash = incrementalRequestHash();
    const hashes = sequence.map((description) => hash(description));
    expect(hashes).toEqual(sequence.map((description) => cacheKeyOf(description)));
    // Equal content, equal hash (the repeat, the merged copy, the shorter request); anything else differs.
    expect([hashes[2], hashes[4], hashes[6]]).toEqual([hashes[1], hashes[3], hashes[0]]);
    expect(new Set(hashes).size).toBe(sequence.length - 3);
  });

  it('still answers from the cache folder an earlier version left in the run folder', async () => {
    const folder = runFolder();
    // The per-file layout: <run>/model-cache/<2 hex>/<key>.json, its key the hash of the request hash and the occurrence.
    const scope = 'job#0/agent';
    const requestHash = cacheKeyOf({ model: requestIdentity(config), messages: request.messages, tools: [], scope });
    for (const occurrence of [0, 1]) {
      const key = cacheKeyOf({ base: requestHash, occurrence });
      mkdirSync(join(folder, LEGACY_RESPONSE_CACHE_FOLDER, key.slice(0, 2)), { recursive: true });
      const entry = { version: 1, key, response: { message: { role: 'assistant', content: `old answer ${occurrence}` }, model: 'm', usage: { promptTokens: 5, completionTokens: 2, totalTokens: 7 } } };
      writeFileSync(join(folder, LEGACY_RESPONSE_CACHE_FOLDER, key.slice(0, 2), `${key}.json`), JSON.stringify(entry));
    }
    const { model, calls } = countingModel();
    const resumed = cached(model, openCache(folder), scope);
    expect((await resumed.complete(request)).message).toEqual({ role: 'assistant', content: 'old answer 0' });
    expect((await resumed.complete(request)).message.content).toBe('old answer 1');
    expect((await resumed.complete(request)).message.content).toBe('answer 1');
    expect(calls()).toBe(1);
  });

  it('replays a tool-calling answer exactly, usage and finish reason included', async () => {
    const cache = openCache();
    const scripted = new ScriptedChatModel([{ ...textReply('see tools', { usage: { promptTokens: 9, completionTokens: 4, totalTokens: 13 } }), finishReason: 'tool_calls' }]);
    const fresh = await cached(scripted, cache).complete(request);
    const again = await cached(scripted, cache).complete(request);
    expect(again).toEqual(fresh);
    scripted.assertConsumed();
  });
});

describe('the model stack', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });

  it('pays once: a second key on the same request is a cache hit, metered as such and never sent', async () => {
    const server = await startChatCompletionsServer(() => completionReply({ content: 'hello', usage: { prompt_tokens: 1000, completion_tokens: 100 } }));
    closers.push(() => server.close());
    const folder = runFolder();
    const cache = openCache(folder);
    const ledger = new UsageLedger({ m: { input: 1, output: 10 } });
    const clock = new FakeClock();
    const limiters = new EndpointLimiters({}, clock);
    const roleConfig = parseModelConfig({ baseURL: server.baseURL, model: 'm', apiKeyEnv: 'KEY_A' }, 'test');
    for (const apiKey of ['sk-first-key-0123456789abcdef', 'sk-second-key-0123456789abcdef']) {
      const stack = new ModelStack({ ledger, limiters, clock, cache, createModel: (modelConfig) => createOpenAIChatModel(modelConfig, { apiKey }) });
      const agent = stack.scoped(stack.role('agent', { ...roleConfig, apiKeyEnv: apiKey === 'sk-first-key-0123456789abcdef' ? 'KEY_A' : 'KEY_B' }), 'job#0/agent');
      expect((await agent.complete(request)).message.content).toBe('hello');
    }
    expect(server.requests).toHaveLength(1);
    const [line] = ledger.lines();
    expect(line).toMatchObject({ role: 'agent', calls: 1, cachedCalls: 1, promptTokens: 1000, completionTokens: 100, priced: true });
    expect(ledger.cost).toBeCloseTo((1000 * 1 + 100 * 10) / 1_000_000, 12);
    // The one entry holds the answer, never a key, a key's name or a header.
    await cache.close();
    const [entry] = cacheLines(folder);
    expect(entry).toContain('hello');
    for (const secret of ['sk-first', 'sk-second', 'KEY_A', 'KEY_B', 'authorization', 'Bearer']) expect(entry).not.toContain(secret);
  });
});
