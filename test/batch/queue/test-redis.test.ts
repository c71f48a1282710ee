import { afterEach, describe, expect, it } from 'vitest';
import { hasRedis, testRedis } from '../../support/redis-server.ts';

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['PATH', 'INTERPLAY_REQUIRE_REDIS', 'INTERPLAY_TEST_REDIS_URL']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('the tests\' Redis (test/support/redis-server.ts)', () => {
  it('skips with the reason without a redis-server, and fails instead when INTERPLAY_REQUIRE_REDIS=1 (CI)', async () => {
    delete process.env.INTERPLAY_TEST_REDIS_URL;
    process.env.PATH = '/nonexistent';
    delete process.env.INTERPLAY_REQUIRE_REDIS;
    const none = await testRedis();
    expect(hasRedis(none)).toBe(false);
    expect(none).toEqual({ skip: expect.stringContaining('no redis-server on PATH') });
    process.env.INTERPLAY_REQUIRE_REDIS = '1';
    await expect(testRedis()).rejects.toThrow(/INTERPLAY_REQUIRE_REDIS=1 but no redis-server on PATH/);
  });

  it('uses INTERPLAY_TEST_REDIS_URL as it is when set', async () => {
    process.env.INTERPLAY_TEST_REDIS_URL = 'redis://127.0.0.1:1/3';
    const given = await testRedis();
    expect(hasRedis(given) && given.url).toBe('redis://127.0.0.1:1/3');
  });
});
