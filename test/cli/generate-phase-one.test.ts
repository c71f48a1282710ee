import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { completionReply, errorReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { review } from '../blueprints/review-replies.ts';
import { runGenerate } from '../batch/support/run-generate.ts';

const shippedRetail = fileURLToPath(new URL('../../blueprints/retail', import.meta.url));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('interplay generate, phase 1: a validation that did not finish is not a rejection', () => {
  it('a reviewer outage: "not validated", exit 3, kept in the run; --resume validates it again and rolls it out', async () => {
    let reviewerUp = false;
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'judge') {
        return reviewerUp ? completionReply({ content: JSON.stringify(review([1, 1, 1, 1])) }) : errorReply(503, { message: 'overloaded', headers: { 'retry-after-ms': '1' } });
      }
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Hi, where is my order?' });
      return completionReply({ content: 'It is on its way. Anything else?' });
    });
    closers.push(() => server.close());
    const root = mkdtempSync(join(tmpdir(), 'interplay-generate-phase-one-'));
    mkdirSync(join(root, 'in'));
    const draft = { ...JSON.parse(readFileSync(join(shippedRetail, 'retail-cancel-pending-order.json'), 'utf8')), status: 'draft' };
    writeFileSync(join(root, 'in', 'draft.json'), JSON.stringify(draft));
    const out = join(root, 'run');
    const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL, '--reviewer-model', 'judge'];

    const first = await runGenerate(['--domain', 'retail', '--blueprints', 'in', ...models, '--trials', '1', '--concurrency', '1', '--out', out], { cwd: root, env: { OPENAI_BASE_URL: server.baseURL } });
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('blueprints: 1 checked — 0 validated, 0 approved, 0 rejected (left out), 1 not validated (--resume validates them again)');
    expect(first.stdout).toMatch(/\n1 blueprint not validated: no quorum because reviewer calls failed/);
    expect(first.stderr).toBe(`error: 1 blueprint not validated: ${/not validated: (.*)\n/.exec(first.stdout)?.[1]}; validate them again with --resume ${out}\n`);
    const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as { blueprints: { id: string; status: string }[] };
    expect(inputs.blueprints.map((blueprint) => [blueprint.id, blueprint.status])).toEqual([['retail-cancel-pending-order', 'draft']]);
    expect(readFileSync(join(out, 'trajectories.jsonl'), 'utf8')).toBe('');

    reviewerUp = true;
    const second = await runGenerate(['--resume', out], { cwd: root, env: { OPENAI_BASE_URL: server.baseURL } });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('phase 1 did not finish for 1 blueprint: validating again');
    expect(second.stdout).toContain('blueprints: 1 checked — 0 validated, 1 approved, 0 rejected (left out)');
    expect(readFileSync(join(out, 'trajectories.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a 401 from a reviewer stops phase 1 at once with one line naming the role, endpoint and model (exit 3)', async () => {
    const server = await startChatCompletionsServer(({ body }) => ((body as { model: string }).model === 'judge' ? errorReply(401, { message: 'bad key' }) : completionReply({ content: 'hi' })));
    closers.push(() => server.close());
    const root = mkdtempSync(join(tmpdir(), 'interplay-generate-phase-one-'));
    mkdirSync(join(root, 'in'));
    for (const id of ['retail-cancel-pending-order', 'retail-update-default-address']) {
      writeFileSync(join(root, 'in', `${id}.json`), JSON.stringify({ ...JSON.parse(readFileSync(join(shippedRetail, `${id}.json`), 'utf8')), status: 'draft' }));
    }
    const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL, '--reviewer-model', 'judge'];
    const run = await runGenerate(['--domain', 'retail', '--blueprints', 'in', ...models, '--concurrency', '1', '--out', join(root, 'run')], { cwd: root, env: { OPENAI_BASE_URL: server.baseURL } });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`error: the reviewer endpoint ${server.baseURL} refused model judge (401 bad key); validation stopped: check the key and the model name\n`);
    expect(server.requests).toHaveLength(1);
  });
});
