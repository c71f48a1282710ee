import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completionReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { runGenerate } from '../batch/support/run-generate.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('generate with judge-required blueprints (gold changes nothing, no outputs, no transfer)', () => {
  it('grades them with the judge model; refuses them without one; rolls them out unverifiable with --unvalidated', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-generate-judge-'));
    const shipped = JSON.parse(readFileSync('blueprints/retail/retail-cancel-pending-order.json', 'utf8'));
    const lookOnly = join(folder, 'look-only.json');
    writeFileSync(lookOnly, JSON.stringify({ ...shipped, id: 'look-only', actions: shipped.actions.slice(0, 1), outputs: [] }));
    let judgeCalls = 0;
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'judge-model') {
        judgeCalls++;
        return completionReply({ content: 'The agent answered without inventing anything.\nVERDICT: PASS' });
      }
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'Thanks. ###STOP###' : 'Hi, I have a question.' });
      return completionReply({ content: 'Happy to help. Anything else?' });
    });
    closers.push(() => server.close());
    const roles = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL];
    const judge = ['--judge-model', 'judge-model', '--judge-base-url', server.baseURL];
    const generate = (extra: string[], out: string) => runGenerate(['--domain', 'retail', '--blueprints', lookOnly, '--trials', '1', '--no-cache', '--out', join(folder, out), ...extra]);
    const verdictOf = (out: string) => JSON.parse(readFileSync(join(folder, out, 'trajectories.jsonl'), 'utf8').trim()).verdict;

    const judged = await generate([...roles, ...judge], 'judged');
    expect(judged.stderr).toBe('');
    expect(judged.code).toBe(0);
    expect(judgeCalls).toBe(1);
    expect(verdictOf('judged')).toMatchObject({ kept: true, reason: 'accepted', judge: { passed: true, reasoning: 'The agent answered without inventing anything.' } });

    const refused = await generate(roles, 'refused');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('1 of 1 blueprint(s) need a judge');
    expect(refused.stderr).toContain('look-only; pass --judge-model, or --unvalidated');
    expect(existsSync(join(folder, 'refused'))).toBe(false);

    const unverified = await generate([...roles, '--unvalidated'], 'unverified');
    expect(unverified.code).toBe(0);
    expect(verdictOf('unverified')).toMatchObject({ kept: false, reason: 'unverifiable' });
    expect(judgeCalls).toBe(1);
  });
});
