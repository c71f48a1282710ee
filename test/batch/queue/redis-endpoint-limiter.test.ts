import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisEndpointLimiter } from '../../../src/batch/queue/redis-endpoint-limiter.ts';
import { hasRedis, noteSkip, testRedis } from '../../support/redis-server.ts';
import { freshQueueName, realClock } from './support/queue-fixtures.ts';

const redis = await testRedis();
noteSkip(redis);
const connections: Redis[] = [];
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  if (hasRedis(redis)) await redis.stop();
});

/** N limiters of one endpoint, each on a connection of its own: N workers of one run. */
function workers(url: string, count: number, limits: ConstructorParameters<typeof RedisEndpointLimiter>[1]['limits'], windowMs: number) {
  const prefix = `interplay:${freshQueueName()}:rate:run`;
  return Array.from({ length: count }, () => {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    connections.push(connection);
    return new RedisEndpointLimiter('model@http://127.0.0.1/v1', { redis: connection, prefix, limits, clock: realClock, windowMs });
  });
}

/** The most grants any window of `windowMs` holds (a window holds t when it starts at or before t and ends after t). */
function busiestWindow(grants: number[], windowMs: number): number {
  const sorted = [...grants].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

// The windows are shorter than a minute here so the test takes seconds; the rule is the same at 60 s.
const WINDOW_MS = 250;

describe.skipIf(!hasRedis(redis))('RedisEndpointLimiter: one window per endpoint, shared by every worker', () => {
  it('never lets more than the request limit into any window, whatever the number of workers', async () => {
    if (!hasRedis(redis)) return;
    const limit = 4;
    const limiters = workers(redis.url, 4, { requestsPerMinute: limit }, WINDOW_MS);
    await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 5 }, async () => (await limiter.acquire(10)).settle(10))));
    const grants = limiters.flatMap((limiter) => limiter.grants.map((grant) => grant.at));
    expect(grants).toHaveLength(20);
    expect(busiestWindow(grants, WINDOW_MS)).toBe(limit);
  });

  it('holds the rule for any number of workers, limit and requests (property, on Redis\'s clock)', async () => {
    if (!hasRedis(redis)) return;
    const window = 120;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }), async (limit, tokens, requestsPerWorker) => {
        const limiters = workers(redis.url, requestsPerWorker.length, { requestsPerMinute: limit }, window);
        await Promise.all(limiters.flatMap((limiter, worker) => Array.from({ length: requestsPerWorker[worker] as number }, async () => (await limiter.acquire(tokens)).settle(tokens))));
        const grants = limiters.flatMap((limiter) => limiter.grants.map((grant) => grant.at));
        expect(grants).toHaveLength(requestsPerWorker.reduce((total, count) => total + count, 0));
        expect(busiestWindow(grants, window)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 6 },
    );
  });

  it('keeps the token budget across workers, charging estimates up front', async () => {
    if (!hasRedis(redis)) return;
    const limiters = workers(redis.url, 3, { tokensPerMinute: 100 }, WINDOW_MS);
    await Promise.all(
      limiters.flatMap((limiter, worker) =>
        Array.from({ length: 4 }, async (_, index) => {
          const estimate = 20 + 10 * ((worker + index) % 3);
          (await limiter.acquire(estimate)).settle(undefined);
        }),
      ),
    );
    // Each grant with the tokens it charged, as the limiter recorded them (not paired up afterwards: another
    // acquire of the same worker may be granted before this one's continuation runs).
    const charged = limiters.flatMap((limiter) => limiter.grants).sort((a, b) => a.at - b.at);
    expect(charged).toHaveLength(12);
    expect(charged.reduce((total, grant) => total + grant.tokens, 0)).toBe(4 * (20 + 30 + 40));
    for (const { at: start } of charged) {
      const inWindow = charged.filter(({ at }) => at >= start && at < start + WINDOW_MS).reduce((total, { tokens }) => total + tokens, 0);
      expect(inWindow).toBeLessThanOrEqual(100);
    }
  });

  it('holds every worker back during a pause one of them was told of (a 429)', async () => {
    if (!hasRedis(redis)) return;
    const [first, second] = workers(redis.url, 2, { requestsPerMinute: 1000 }, WINDOW_MS) as [RedisEndpointLimiter, RedisEndpointLimiter];
    (await first.acquire(1)).settle(1);
    const pausedAt = first.grants[0]?.at as number;
    first.pauseFor(200);
    await first.flush();
    (await second.acquire(1)).settle(1);
    expect((second.grants[0]?.at as number) - pausedAt).toBeGreaterThanOrEqual(200);
  });

  it('counts in-flight requests per worker when an endpoint concurrency is set', async () => {
    if (!hasRedis(redis)) return;
    const [limiter] = workers(redis.url, 1, { concurrency: 1 }, WINDOW_MS) as [RedisEndpointLimiter];
    const first = await limiter.acquire(1);
    let secondGranted = false;
    const second = limiter.acquire(1).then((permit) => {
      secondGranted = true;
      return permit;
    });
    await connections.at(-1)?.ping();
    expect(secondGranted).toBe(false);
    first.settle(1);
    (await second).settle(1);
    expect(secondGranted).toBe(true);
  });
});
