import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestIdentity, withResponseCache } from '../../src/batch/cached-chat-model.ts';
import { EndpointLimiters } from '../../src/batch/endpoint-limiter.ts';
import { ModelStack } from '../../src/batch/model-stack.ts';
import { cacheKeyOf, ResponseCache } from '../../src/batch/response-cache.ts';
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
import { FakeClock } from './support/fake-clock.ts';

const cacheFolder = () => join(mkdtempSync(join(tmpdir(), 'interplay-cache-')), 'model-cache');
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
    const cache = new ResponseCache(cacheFolder());
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
    const cache = new ResponseCache(cacheFolder());
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

  it('reads a torn or foreign entry as a miss and replaces it', async () => {
    const folder = cacheFolder();
    const cache = new ResponseCache(folder);
    const { model, calls } = countingModel();
    await cached(model, cache).complete(request);
    const shard = readdirSync(folder)[0] as string;
    const file = join(folder, shard, readdirSync(join(folder, shard))[0] as string);
    for (const garbage of ['{"version":1,"key":"', JSON.stringify({ version: 1, key: '0'.repeat(64), response: { message: { role: 'assistant', content: 'x' }, model: 'm' } })]) {
      writeFileSync(file, garbage);
      const expected = `answer ${calls() + 1}`;
      expect((await cached(model, cache).complete(request)).message.content).toBe(expected);
    }
    expect(calls()).toBe(3);
    // The last answer was stored whole again: the next resume replays it.
    expect((await cached(model, cache).complete(request)).message.content).toBe('answer 3');
  });

  it('replays a tool-calling answer exactly, usage and finish reason included', async () => {
    const cache = new ResponseCache(cacheFolder());
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
    const cache = new ResponseCache(cacheFolder());
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
  });
});
