import { afterAll, describe, expect, it } from 'vitest';
import { hasRedis, noteSkip, privateTestRedis } from '../../support/redis-server.ts';
import { startWorkerProcess } from './support/interplay-child.ts';
import { freshQueueName } from './support/queue-fixtures.ts';

const redis = await privateTestRedis();
noteSkip(redis);
afterAll(async () => {
  if (hasRedis(redis)) await redis.stop();
});

describe.skipIf(!hasRedis(redis))('a worker whose Redis went away', () => {
  it('stops at the second SIGTERM, at once, though BullMQ cannot close its connections', async () => {
    if (!hasRedis(redis)) return;
    const worker = await startWorkerProcess(redis.url, freshQueueName());
    await redis.stop();
    worker.process.kill('SIGTERM');
    await worker.waitFor(/worker: SIGTERM: finishing the running jobs \(again to stop at once\)/);
    worker.process.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.stdout()).toContain('worker: stopped; its running jobs go to another worker');
  });
});
