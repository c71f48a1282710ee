import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withOwnEndpoints } from '../../../src/batch/queue/queue-worker.ts';
import { completionReply, parseModelConfig, startChatCompletionsServer } from '../../../src/models/index.ts';
import { runGenerate } from '../support/run-generate.ts';
import { hasRedis, noteSkip, testRedis } from '../../support/redis-server.ts';
import { freshQueueName, inProcessWorker, locationOf, runOutcome } from './support/queue-fixtures.ts';

const redis = await testRedis();
noteSkip(redis);
afterAll(async () => {
  if (hasRedis(redis)) await redis.stop();
});

describe('a worker\'s own endpoints (interplay worker --config)', () => {
  it('replace the endpoint and key variable of the models a run names, keeping the run\'s sampling settings', () => {
    const run = { roles: { agent: parseModelConfig({ model: 'm', baseURL: 'https://run.example/v1', apiKeyEnv: 'RUN_KEY', temperature: 0.3 }, 'run') }, reviewers: [parseModelConfig({ model: 'other', baseURL: 'https://run.example/v1' }, 'run')] };
    const own = { roles: { human: parseModelConfig({ model: 'm', baseURL: 'http://10.0.0.9:8000/v1', apiKeyEnv: 'MY_KEY', timeoutMs: 5000 }, 'own') }, reviewers: [] };
    const merged = withOwnEndpoints(run, own);
    expect(merged.roles.agent).toMatchObject({ model: 'm', baseURL: 'http://10.0.0.9:8000/v1', apiKeyEnv: 'MY_KEY', temperature: 0.3, timeoutMs: 5000 });
    expect(merged.reviewers[0]).toEqual(run.reviewers[0]);
    const keyless = withOwnEndpoints(run, { roles: { agent: parseModelConfig({ model: 'm', baseURL: 'http://127.0.0.1:8000/v1' }, 'own') }, reviewers: [] });
    expect(keyless.roles.agent?.apiKeyEnv).toBeUndefined();
    expect(withOwnEndpoints(run, undefined)).toBe(run);
  });

  it.skipIf(!hasRedis(redis))('run a job against the worker\'s endpoint when the run\'s is not reachable from it', async () => {
    if (!hasRedis(redis)) return;
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Where is my order?' });
      return completionReply({ content: 'It is on its way. Anything else?' });
    });
    const unreachable = 'http://127.0.0.1:9/v1';
    const name = freshQueueName();
    const ownModels = { roles: { agent: parseModelConfig({ model: 'agent-model', baseURL: server.baseURL }, 'own'), human: parseModelConfig({ model: 'human-model', baseURL: server.baseURL }, 'own') }, reviewers: [] };
    const worker = await inProcessWorker(locationOf(redis.url, name), { ownModels });
    const out = join(mkdtempSync(join(tmpdir(), 'interplay-queue-worker-')), 'run');
    try {
      const run = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--agent-model', 'agent-model', '--agent-base-url', unreachable, '--human-model', 'human-model', '--human-base-url', unreachable, '--trials', '1', '--out', out, '--queue', redis.url, '--queue-name', name]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    } finally {
      await worker.stop();
      await server.close();
    }
    expect(server.requests).toHaveLength(3);
    expect(runOutcome(out)).toHaveLength(1);
  });
});
