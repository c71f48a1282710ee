import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBlueprint } from '../../src/blueprints/blueprint-files.ts';
import { completionReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { cancelBlueprint, identifyByEmail } from '../support/default-retail.ts';
import { runInterplay } from '../support/run-cli.ts';
import { review } from './review-replies.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A folder with the good cancel blueprint and, unless `onlyGood`, one whose order does not exist. */
function blueprintFolder(onlyGood = false): string {
  const folder = mkdtempSync(join(tmpdir(), 'interplay-validate-'));
  const good = cancelBlueprint();
  writeFileSync(join(folder, 'good.json'), JSON.stringify(good));
  if (!onlyGood) {
    const broken = { ...good, id: 'broken', actions: [identifyByEmail(good.userId), { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }] };
    writeFileSync(join(folder, 'broken.json'), JSON.stringify(broken));
  }
  return folder;
}

describe('interplay validate', () => {
  it('--offline: one line per stage, a summary, the committee plainly skipped, exit 1 when one fails', async () => {
    const folder = blueprintFolder();
    const run = await runInterplay(['validate', folder, '--offline'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'broken (retail): rejected after 1 round',
        '  ✓ format',
        '  ✗ execution',
        '      actions[1] (cancel_pending_order): returned an error: Error: order not found',
        '  · policy: not reached',
        '  · committee: not reached',
        'cancel-pending (retail): validated after 1 round',
        '  ✓ format',
        '  ✓ execution',
        '  ✓ policy',
        '  - committee: skipped (--offline)',
        '2 blueprints: 1 accepted (50%), 1 rejected',
        '  stages passed: format 2/2, execution 1/2, policy 1/1, committee skipped',
        'the committee was skipped (--offline): "accepted" means stages 1–3 passed (status "validated"), no model reviewed these blueprints',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('error: 1 of 2 blueprints did not pass validation\n');
  });

  it('exits 0 when every blueprint passes, and --write saves them through the store', async () => {
    const folder = blueprintFolder(true);
    const run = await runInterplay(['validate', 'good.json', '--offline', '--write', '--store', 'store'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${join('store', 'retail', 'cancel-pending.json')}\n`);
    const saved = parseBlueprint(JSON.parse(readFileSync(join(folder, 'store', 'retail', 'cancel-pending.json'), 'utf8')), 'saved');
    expect(saved.status).toBe('validated');
    expect(saved.checks?.map((check) => check.stage)).toEqual(['format', 'execution', 'policy', 'committee']);
    expect(saved.history).toHaveLength(1);
    const index = JSON.parse(readFileSync(join(folder, 'store', 'index.json'), 'utf8')) as { blueprints: Record<string, { status: string; updatedAt: string }> };
    expect(index.blueprints['cancel-pending']).toEqual({ domain: 'retail', status: 'validated', file: 'retail/cancel-pending.json', updatedAt: '2026-01-02T03:04:05.000Z' });
    const again = await runInterplay(['validate', 'store', '--offline'], { cwd: folder });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('1 blueprint: 1 accepted (100%), 0 rejected');
  });

  it('refuses to run the committee without reviewers, and says how to configure them', async () => {
    const folder = blueprintFolder(true);
    const run = await runInterplay(['validate', folder], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: no committee reviewers are configured: pass --reviewer-model <model...> (or list "reviewers" under "models" in a --config file), or pass --offline to run the format, execution and policy stages only\n',
    );
    const half = await runInterplay(['validate', folder, '--reviewer-model', 'm', '--feedback-model', 'f'], { cwd: folder });
    expect(half.stderr).toBe('error: the feedback-and-revise loop needs both --feedback-model and --generator-model (or neither, to validate without revising)\n');
    const threshold = await runInterplay(['validate', folder, '--offline', '--threshold', '5'], { cwd: folder });
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toContain("option '--threshold <n>' argument '5' is invalid. expected a whole number from 1 to 4");
  });

  it('runs the committee with --reviewer-model against an OpenAI-compatible endpoint', async () => {
    const server = await startChatCompletionsServer(({ body }) => completionReply({ content: JSON.stringify(review([1, 1, 1, (body as { model: string }).model === 'c' ? 0 : 1])) }));
    closers.push(() => server.close());
    const folder = blueprintFolder(true);
    const run = await runInterplay(['validate', folder, '--reviewer-model', 'a', 'b', 'c'], { cwd: folder, env: { OPENAI_BASE_URL: server.baseURL } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cancel-pending (retail): approved after 1 round\n  ✓ format\n  ✓ execution\n  ✓ policy\n  ✓ committee\n');
    expect(server.requests.map((request) => (request.body as { model: string }).model).sort()).toEqual(['a', 'b', 'c']);
    const strict = await runInterplay(['validate', folder, '--reviewer-model', 'c', '--threshold', '4'], { cwd: folder, env: { OPENAI_BASE_URL: server.baseURL } });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('  ✗ committee\n      creativity: 0 of 1 voting reviewers gave 1\n      3 of 4 criteria passed, 4 needed\n');
  });
});
