import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getDomain } from '../../../domains/index.ts';
import { writeDataFolder } from '../../../src/domain-kit/index.ts';
import { completionReply, startChatCompletionsServer } from '../../../src/models/index.ts';
import type { BatchEvent } from '../../../src/batch/batch-events.ts';
import { runGenerate } from '../support/run-generate.ts';
import { hasRedis, noteSkip, testRedis } from '../../support/redis-server.ts';
import { freshQueueName, inProcessWorker, locationOf, runOutcome } from './support/queue-fixtures.ts';
import { redisContents } from './support/redis-contents.ts';

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
      const events: BatchEvent[] = [];
      const run = await runGenerate([...batch, '--out', queued, '--queue', redis.url, '--queue-name', name], { hooks: { onEvent: (event) => events.push(event) } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`phase 2: rollouts, 4 per accepted blueprint, 8 at once on queue ${name} at ${redis.url} (OFFLINE POLICIES, no model)`);
      expect(run.stdout).toMatch(/8\/8 done/);
      // The live view's feed: every job's rollout events came back from the worker, each job ended once.
      const rolloutJobs = new Set(events.flatMap((event) => (event.type === 'rollout' ? [event.jobId] : [])));
      expect(rolloutJobs.size).toBe(8);
      expect(events.filter((event) => event.type === 'job-end')).toHaveLength(8);
    } finally {
      await worker.stop();
    }
    expect(runOutcome(queued)).toEqual(runOutcome(inProcess));
    expect(runOutcome(queued)).toHaveLength(8);
    expect(worker.done).toBe(8);
    const manifest = JSON.parse(readFileSync(join(queued, 'manifest.json'), 'utf8'));
    expect(manifest.counts.trajectories).toBe(8);
  });

  it('runs model-backed jobs with the worker\'s own key, and no key ever enters Redis', async () => {
    if (!hasRedis(redis)) return;
    const secret = 'sk-queue-secret-5e9a1c77';
    const server = await startChatCompletionsServer(({ body, headers }) => {
      if (headers.authorization !== `Bearer ${secret}`) return { kind: 'json', status: 401, body: { error: { message: 'bad key' } } };
      const request = body as { model: string };
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Where is my order?' });
      return completionReply({ content: 'It is on its way. Anything else?', usage: { prompt_tokens: 20, completion_tokens: 8 } });
    });
    const name = freshQueueName();
    const worker = await inProcessWorker(locationOf(redis.url, name), { apiKeyOf: (variable) => (variable === 'QUEUE_TEST_KEY' ? secret : undefined) });
    const out = join(scratch(), 'model-backed');
    try {
      const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--agent-api-key-env', 'QUEUE_TEST_KEY', '--human-model', 'human-model', '--human-base-url', server.baseURL, '--human-api-key-env', 'QUEUE_TEST_KEY'];
      const run = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', ...models, '--trials', '2', '--rpm', '1000', '--out', out, '--queue', redis.url, '--queue-name', name], { env: { QUEUE_TEST_KEY: secret } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      // The agent's spend came back from the worker into the run's accounting.
      expect(run.stdout).toContain('agent-model');
    } finally {
      await worker.stop();
      await server.close();
    }
    expect(server.requests.length).toBe(6);
    expect(server.requests.every((request) => request.headers.authorization === `Bearer ${secret}`)).toBe(true);
    expect(runOutcome(out)).toHaveLength(2);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.batch.accounting.lines.find((line: { role: string }) => line.role === 'agent')).toMatchObject({ calls: 2, promptTokens: 40, completionTokens: 16 });

    const contents = await redisContents(redis.url);
    // Not a vacuous scan: the run's inputs (redacted configs) and its rate-limit windows are there.
    expect(contents.some((text) => text.includes('QUEUE_TEST_KEY') && text.includes('human-model'))).toBe(true);
    expect(contents.some((text) => text.includes(':rate:'))).toBe(true);
    expect(contents.filter((text) => text.includes(secret))).toEqual([]);
  });

  it('carries a --data folder\'s records to the workers (a worker has no run folder), checked against the run\'s base hash', async () => {
    if (!hasRedis(redis)) return;
    const root = scratch();
    const data = join(root, 'data');
    writeDataFolder(data, getDomain('retail').loadDefaultData());
    const name = freshQueueName();
    const worker = await inProcessWorker(locationOf(redis.url, name));
    const out = join(root, 'run');
    try {
      const run = await runGenerate(['--domain', 'retail', '--data', data, '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '2', '--out', out, '--queue', redis.url, '--queue-name', name], { cwd: root });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    } finally {
      await worker.stop();
    }
    expect(runOutcome(out)).toHaveLength(2);
    const stored = (await redisContents(redis.url)).filter((text) => text.startsWith('{"schemaVersion":1,"runKey"')).map((text) => JSON.parse(text) as { data: Record<string, unknown> | null; domain: string });
    const carried = stored.find((run) => run.data !== null);
    expect(carried?.domain).toBe('retail');
    expect(Object.keys(carried?.data ?? {}).sort()).toEqual([...getDomain('retail').collections].sort());
  });

  it('brings failed jobs back as failed-job records (a worker without the key), and --resume --queue runs them again', async () => {
    if (!hasRedis(redis)) return;
    const secret = 'sk-resume-secret-0b7d';
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Where is my order?' });
      return completionReply({ content: 'It is on its way. Anything else?' });
    });
    const root = scratch();
    const out = join(root, 'run');
    const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--agent-api-key-env', 'QUEUE_TEST_KEY', '--human-model', 'human-model', '--human-base-url', server.baseURL, '--human-api-key-env', 'QUEUE_TEST_KEY'];
    const name = freshQueueName();
    try {
      const keyless = await inProcessWorker(locationOf(redis.url, name));
      const first = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', ...models, '--trials', '2', '--out', out, '--queue', redis.url, '--queue-name', name], { cwd: root, env: { QUEUE_TEST_KEY: secret } });
      await keyless.stop();
      expect(first.code).toBe(3);
      expect(first.stderr).toContain('2 jobs failed');
      const failed = readFileSync(join(out, 'failed-jobs.jsonl'), 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
      expect(failed.map((record) => [record.jobId, record.termination.reason])).toEqual(expect.arrayContaining([['retail-cancel-pending-order#0', 'infrastructure-error'], ['retail-cancel-pending-order#1', 'infrastructure-error']]));
      expect(failed[0].termination.detail).toContain('QUEUE_TEST_KEY');
      expect(server.requests).toHaveLength(0);

      const keyed = await inProcessWorker(locationOf(redis.url, name), { apiKeyOf: (variable) => (variable === 'QUEUE_TEST_KEY' ? secret : undefined) });
      const resumed = await runGenerate(['--resume', out, '--queue', redis.url, '--queue-name', name], { cwd: root, env: { QUEUE_TEST_KEY: secret } });
      await keyed.stop();
      expect(resumed.stderr).toBe('');
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain('2 failed job(s) to run again');
      expect(runOutcome(out).map((trajectory) => trajectory.id)).toEqual(['retail-cancel-pending-order#0', 'retail-cancel-pending-order#1']);
      expect(keyed.done).toBe(2);
    } finally {
      await server.close();
    }
  });
});
