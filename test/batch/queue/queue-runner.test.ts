import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../support/run-generate.ts';
import { hasRedis, noteSkip, testRedis } from '../../support/redis-server.ts';
import { freshQueueName, inProcessWorker, locationOf, runOutcome } from './support/queue-fixtures.ts';

const redis = await testRedis();
noteSkip(redis);
afterAll(async () => {
  if (hasRedis(redis)) await redis.stop();
});
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-queue-'));
const batch = ['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', 'retail-update-default-address', '--offline', '--fallible', '--trials', '4', '--seed', '7'];

describe.skipIf(!hasRedis(redis))('generate --queue (one in-process worker)', () => {
  it('ends with the same job ids, verdicts and final states as the in-process run', async () => {
    if (!hasRedis(redis)) return;
    const inProcess = join(scratch(), 'in-process');
    const local = await runGenerate([...batch, '--out', inProcess]);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);

    const name = freshQueueName();
    const worker = await inProcessWorker(locationOf(redis.url, name));
    const queued = join(scratch(), 'queued');
    try {
      const run = await runGenerate([...batch, '--out', queued, '--queue', redis.url, '--queue-name', name]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/8\/8 done/);
    } finally {
      await worker.stop();
    }
    expect(runOutcome(queued)).toEqual(runOutcome(inProcess));
    expect(runOutcome(queued)).toHaveLength(8);
    expect(worker.done).toBe(8);
    const manifest = JSON.parse(readFileSync(join(queued, 'manifest.json'), 'utf8'));
    expect(manifest.counts.trajectories).toBe(8);
  });
});
