import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EndpointLimiter, EndpointLimiters } from '../../src/batch/endpoint-limiter.ts';
import { createNodeHttpFetch } from '../../src/batch/node-http-fetch.ts';
import { withRateLimit } from '../../src/batch/rate-limited-chat-model.ts';
import { backoffMs, retryHintMs } from '../../src/batch/retry-hint.ts';
import { estimateRequestTokens } from '../../src/batch/token-estimate.ts';
import {
  completionReply,
  conformanceHandler,
  createOpenAIChatModel,
  errorReply,
  ModelRequestError,
  ModelUnavailableError,
  startChatCompletionsServer,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type RetryHeaders,
} from '../../src/models/index.ts';
import { FakeClock } from './support/fake-clock.ts';

const request: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };

/** A model that notes the fake time of every call and answers with `usage` (or fails with the next scripted error). */
function timedModel(clock: FakeClock, options: { usage?: number; failures?: Error[] } = {}) {
  const calls: number[] = [];
  const failures = [...(options.failures ?? [])];
  const model: ChatModel = {
    id: 'timed',
    async complete(): Promise<ChatResponse> {
      calls.push(clock.now());
      const failure = failures.shift();
      if (failure) throw failure;
      return {
        message: { role: 'assistant', content: 'ok' },
        model: 'timed',
        ...(options.usage !== undefined ? { usage: { promptTokens: options.usage, completionTokens: 0, totalTokens: options.usage } } : {}),
      };
    },
  };
  /** The scripted failures still to come: a test may add more while calls run. */
  return { model, calls, failures };
}

const rateLimited = (headers: RetryHeaders = {}) => new ModelUnavailableError('timed', 'rate-limit', 429, 1, 'slow down', headers);

describe('the endpoint limiter', () => {
  it('lets a minute of requests go at once, then no more until the first of them is a minute old', async () => {
    const clock = new FakeClock();
    const { model, calls } = timedModel(clock);
    const limited = withRateLimit(model, { limiter: new EndpointLimiter('e', { requestsPerMinute: 60 }, clock), clock, maxRetries: 0 });
    const done = Promise.all(Array.from({ length: 62 }, () => limited.complete(request)));
    await clock.run();
    await done;
    expect(calls.slice(0, 60).every((at) => at === 0)).toBe(true);
    // A token bucket that starts full would have let one more through every second from here: 70 in the first 10 s.
    expect(calls.slice(60)).toEqual([60_000, 60_000]);
  });

  it('never sends more than --rpm requests in any 60 s window, whatever the arrivals, 429 pauses and retries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), burst: fc.integer({ min: 1, max: 15 }), refusals: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 8 }),
        async (rpm, arrivals) => {
          const clock = new FakeClock();
          const { model, calls: sent, failures } = timedModel(clock);
          const limited = withRateLimit(model, { limiter: new EndpointLimiter('e', { requestsPerMinute: rpm }, clock), clock, maxRetries: 2 });
          const calls: Promise<unknown>[] = [];
          const arrive = (async () => {
            for (const { gap, burst, refusals } of arrivals) {
              await clock.sleep(gap);
              for (let refusal = 0; refusal < refusals; refusal++) failures.push(rateLimited({ 'retry-after-ms': '1000' }));
              for (let index = 0; index < burst; index++) calls.push(limited.complete(request).catch((error: unknown) => error));
            }
          })();
          await clock.run();
          await arrive;
          await Promise.all(calls);
          for (const [index, at] of sent.entries()) {
            const inWindow = sent.filter((other, otherIndex) => otherIndex <= index && other > at - 60_000).length;
            expect(inWindow).toBeLessThanOrEqual(rpm);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('charges tokens from the estimate before a call and corrects them with the reported usage', async () => {
    const estimate = estimateRequestTokens(request, 400);
    expect(estimate).toBe(1 + 4 + 400);
    for (const [usage, expected] of [
      // Reported 100 tokens a call: each call's charge drops from the estimate to 100, so six fit in the first minute's 1,000.
      [100, [0, 0, 0, 0, 0, 0, 60_000]],
      // No usage reported: the estimate stands, so only two fit.
      [undefined, [0, 0, 60_000]],
    ] as const) {
      const clock = new FakeClock();
      const { model, calls } = timedModel(clock, usage === undefined ? {} : { usage });
      const limited = withRateLimit(model, { limiter: new EndpointLimiter('e', { tokensPerMinute: 1000 }, clock), clock, maxRetries: 0, maxCompletionTokens: 400 });
      const sequence = (async () => {
        for (let index = 0; index < expected.length; index++) await limited.complete(request);
      })();
      await clock.run();
      await sequence;
      expect(calls).toEqual([...expected]);
    }
  });

  it('lets a call that used more than the whole limit hold the window for its minute', async () => {
    const clock = new FakeClock();
    const { model, calls } = timedModel(clock, { usage: 1500 });
    const limited = withRateLimit(model, { limiter: new EndpointLimiter('e', { tokensPerMinute: 1000 }, clock), clock, maxRetries: 0, maxCompletionTokens: 400 });
    const sequence = (async () => {
      await limited.complete(request);
      await limited.complete(request);
      await limited.complete(request);
    })();
    await clock.run();
    await sequence;
    // The 1,500 tokens reported at 0 hold the window until 60 s: the next call waits until they leave it.
    expect(calls).toEqual([0, 60_000, 120_000]);
  });

  it('carries the last minute over to the next session, so a resume cannot send a second minute\'s worth at once', async () => {
    const first = new FakeClock(1_000_000);
    const before = new EndpointLimiters({ requestsPerMinute: 2, tokensPerMinute: 1000 }, first);
    const sent = timedModel(first, { usage: 300 });
    const limitedBefore = withRateLimit(sent.model, { limiter: before.for('http://127.0.0.1:1/v1', 'm'), clock: first, maxRetries: 0, maxCompletionTokens: 100 });
    await limitedBefore.complete(request);
    first.sleep(20_000).then(() => limitedBefore.complete(request));
    await first.run(1_020_000);
    const recent = before.recentUse();
    expect(recent).toEqual({ 'm@http://127.0.0.1:1/v1': { requests: [1_000_000, 1_020_000], tokens: [[1_000_000, 300], [1_020_000, 300]] } });

    // The next session starts 5 s later: both requests are still in its window, so its first waits for the oldest to leave.
    const second = new FakeClock(1_025_000);
    const after = new EndpointLimiters({ requestsPerMinute: 2, tokensPerMinute: 1000 }, second, JSON.parse(JSON.stringify(recent)));
    const resumed = timedModel(second);
    const done = withRateLimit(resumed.model, { limiter: after.for('http://127.0.0.1:1/v1', 'm'), clock: second, maxRetries: 0, maxCompletionTokens: 100 }).complete(request);
    await second.run();
    await done;
    expect(resumed.calls).toEqual([1_060_000]);

    // A reading later than the new clock (set back between sessions) counts as now; endpoints not called keep theirs.
    const setBack = new EndpointLimiters({ requestsPerMinute: 1 }, new FakeClock(0), { 'm@x': { requests: [5_000_000], tokens: [] } });
    expect(setBack.for('x', 'm').recentUse().requests).toEqual([0]);
    expect(new EndpointLimiters({}, new FakeClock(10), { 'n@y': { requests: [5], tokens: [] } }).recentUse()).toEqual({ 'n@y': { requests: [5], tokens: [] } });
  });

  it('holds at most `concurrency` requests in flight per endpoint', async () => {
    const clock = new FakeClock();
    const limiter = new EndpointLimiter('e', { concurrency: 2 }, clock);
    const permits = await Promise.all([limiter.acquire(1), limiter.acquire(1)]);
    let third = false;
    const waiting = limiter.acquire(1).then((permit) => {
      third = true;
      return permit;
    });
    await clock.settle();
    expect([third, limiter.inFlight, limiter.waiting]).toEqual([false, 2, 1]);
    permits[0]?.settle(undefined);
    (await waiting).settle(undefined);
    expect(third).toBe(true);
  });

  it('keeps endpoints apart: one endpoint\'s budget and pauses never hold another back', async () => {
    const clock = new FakeClock();
    const limiters = new EndpointLimiters({ requestsPerMinute: 2 }, clock);
    const a = timedModel(clock, { failures: [rateLimited({ 'retry-after': '10' })] });
    const b = timedModel(clock);
    const onA = withRateLimit(a.model, { limiter: limiters.for('http://127.0.0.1:1/v1/', 'model-a'), clock, maxRetries: 1 });
    const onB = withRateLimit(b.model, { limiter: limiters.for('http://127.0.0.1:1/v1', 'model-b'), clock, maxRetries: 0 });
    expect(limiters.for('http://127.0.0.1:1/v1/', 'model-a')).toBe(limiters.for('http://127.0.0.1:1/v1', 'model-a'));
    const onAFinished = onA.complete(request);
    await clock.settle();
    // A was refused at 0 and is paused for 10 s; B starts now and spends its own two-per-minute budget.
    const onBFinished = Promise.all([onB.complete(request), onB.complete(request), onB.complete(request)]);
    await clock.run();
    await Promise.all([onAFinished, onBFinished]);
    expect(a.calls).toEqual([0, 10_000]);
    expect(b.calls).toEqual([0, 0, 60_000]);
    expect(limiters.all().map((limiter) => limiter.endpoint).sort()).toEqual(['model-a@http://127.0.0.1:1/v1', 'model-b@http://127.0.0.1:1/v1']);
  });
});

describe('retries under the limiter', () => {
  it('honours a 429\'s retry-after-ms by pausing the whole endpoint, other callers included', async () => {
    const clock = new FakeClock();
    const first = timedModel(clock, { failures: [rateLimited({ 'retry-after-ms': '1500' })] });
    const limiter = new EndpointLimiter('e', {}, clock);
    const limited = withRateLimit(first.model, { limiter, clock, maxRetries: 2 });
    const other = timedModel(clock);
    const otherLimited = withRateLimit(other.model, { limiter, clock, maxRetries: 0 });
    const retried = limited.complete(request);
    await clock.settle();
    const later = otherLimited.complete(request);
    await clock.run();
    await Promise.all([retried, later]);
    expect(first.calls).toEqual([0, 1500]);
    expect(other.calls).toEqual([1500]);
    expect(limiter.stats.pauses).toBe(1);
  });

  it('reads retry-after as seconds or as an HTTP date, and backs off exponentially without a hint', async () => {
    expect(retryHintMs({ 'retry-after': '2' }, 0)).toBe(2000);
    expect(retryHintMs({ 'retry-after': new Date(Date.UTC(2026, 0, 1, 0, 0, 3)).toUTCString() }, Date.UTC(2026, 0, 1))).toBe(3000);
    expect(retryHintMs({ 'retry-after-ms': '250', 'retry-after': '9' }, 0)).toBe(250);
    expect(retryHintMs({ 'retry-after': 'soon' }, 0)).toBeUndefined();
    expect([1, 2, 3, 10].map((attempt) => backoffMs(attempt))).toEqual([500, 1000, 2000, 8000]);

    const clock = new FakeClock();
    const serverError = () => new ModelUnavailableError('timed', 'server-error', 503, 1, 'busy');
    const { model, calls } = timedModel(clock, { failures: [serverError(), serverError()] });
    const done = withRateLimit(model, { limiter: new EndpointLimiter('e', {}, clock), clock, maxRetries: 2 }).complete(request);
    await clock.run();
    await done;
    expect(calls).toEqual([0, 500, 1500]);
  });

  it('gives up after maxRetries with the attempts of the whole call, and never retries what must not be', async () => {
    const clock = new FakeClock();
    const always = timedModel(clock, { failures: [rateLimited(), rateLimited(), rateLimited()] });
    const failing = withRateLimit(always.model, { limiter: new EndpointLimiter('e', {}, clock), clock, maxRetries: 2 }).complete(request);
    const caught = failing.catch((error: unknown) => error);
    await clock.run();
    const error = await caught;
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as ModelUnavailableError).attempts).toBe(3);
    expect(always.calls).toHaveLength(3);

    for (const refusal of [new ModelRequestError('timed', 400, 'bad request'), rateLimited({ 'x-should-retry': 'false' })]) {
      const once = timedModel(clock, { failures: [refusal] });
      const outcome = withRateLimit(once.model, { limiter: new EndpointLimiter('e', {}, clock), clock, maxRetries: 5 }).complete(request).catch((caughtError: unknown) => caughtError);
      await clock.run();
      expect(await outcome).toBe(refusal);
      expect(once.calls).toHaveLength(1);
    }
  });
});

describe('the real SDK under the limiter', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });

  it('does not stack retries: with the SDK at maxRetries 0 the pipeline alone retries, reading the server\'s hints', async () => {
    let answered = 0;
    const server = await startChatCompletionsServer(({ index }) => {
      if (index < 2) return errorReply(429, { message: 'slow down', headers: { 'retry-after-ms': '0' } });
      answered++;
      return completionReply({ content: 'hello', usage: { prompt_tokens: 10, completion_tokens: 2 } });
    });
    closers.push(() => server.close());
    const clock = new FakeClock();
    const bare = createOpenAIChatModel({ baseURL: server.baseURL, model: 'm', maxRetries: 0 });
    const limiter = new EndpointLimiter('e', { tokensPerMinute: 100_000 }, clock);
    const response = await withRateLimit(bare, { limiter, clock, maxRetries: 2 }).complete(request);
    expect(response.message.content).toBe('hello');
    expect(server.requests).toHaveLength(3);
    expect([answered, limiter.stats.requests, limiter.stats.pauses]).toEqual([1, 3, 2]);

    // A server that never stops refusing: 1 + maxRetries requests in all, not (1 + SDK retries) x (1 + pipeline retries).
    const stubborn = await startChatCompletionsServer(() => errorReply(429, { headers: { 'retry-after-ms': '0' } }));
    closers.push(() => stubborn.close());
    const refused = await withRateLimit(createOpenAIChatModel({ baseURL: stubborn.baseURL, model: 'm', maxRetries: 0 }), { limiter: new EndpointLimiter('s', {}, clock), clock, maxRetries: 2 })
      .complete(request)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ModelUnavailableError);
    expect((refused as ModelUnavailableError).retryHeaders['retry-after-ms']).toBe('0');
    expect(stubborn.requests).toHaveLength(3);
  });

  it('leaves no listener on a signal shared by every call of a job (no MaxListenersExceededWarning)', async () => {
    const server = await startChatCompletionsServer(({ index }) => (index % 3 === 0 ? errorReply(503, { headers: { 'retry-after-ms': '0' } }) : completionReply({ content: 'ok' })));
    closers.push(() => server.close());
    const clock = new FakeClock();
    const model = withRateLimit(createOpenAIChatModel({ baseURL: server.baseURL, model: 'm', maxRetries: 0 }, { fetch: createNodeHttpFetch() }), {
      limiter: new EndpointLimiter('e', { requestsPerMinute: 1000, concurrency: 2 }, clock),
      clock,
      maxRetries: 2,
    });
    const job = new AbortController();
    for (let call = 0; call < 15; call++) await model.complete({ ...request, signal: job.signal });
    expect(server.requests.length).toBeGreaterThan(15);
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(0);
  });

  it('retries a reset and a cut-off body through the limiter, and never a template refusal or a 401', async () => {
    const server = await startChatCompletionsServer(
      conformanceHandler({ behaviours: { flaky: ['reset', 'truncated-json', 'normal'], strict: 'strict-template', locked: 'unauthorized' }, strictTemplateServer: 'llama.cpp' }),
    );
    closers.push(() => server.close());
    const clock = new FakeClock();
    const limiters = new EndpointLimiters({ requestsPerMinute: 100 }, clock);
    const limited = (model: string) =>
      withRateLimit(createOpenAIChatModel({ baseURL: server.baseURL, model, maxRetries: 0 }, { apiKey: 'sk-limiter-SECRET-1234' }), { limiter: limiters.for(server.baseURL, model), clock, maxRetries: 2 });
    /** Drives the fake clock (the backoff between retries) until the call settles. */
    const settle = async (call: Promise<unknown>) => {
      let settled = false;
      const outcome = call.then(
        (value) => value,
        (error: unknown) => error,
      );
      void outcome.finally(() => (settled = true));
      while (!settled) await clock.run();
      return outcome;
    };
    const flaky = await settle(limited('flaky').complete(request));
    expect(flaky).toMatchObject({ message: { content: 'ok' } });
    expect(limiters.for(server.baseURL, 'flaky').stats.requests).toBe(3);
    const refused = await settle(limited('strict').complete({ messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }));
    expect(refused).toBeInstanceOf(ModelRequestError);
    const locked = await settle(limited('locked').complete(request));
    expect(locked).toBeInstanceOf(ModelRequestError);
    expect((locked as Error).message).not.toContain('sk-limiter-SECRET-1234');
    expect(server.requests.map((received) => (received.body as { model: string }).model)).toEqual(['flaky', 'flaky', 'flaky', 'strict', 'locked']);
  });
});
