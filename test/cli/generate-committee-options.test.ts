import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { completionReply, errorReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { review } from '../blueprints/review-replies.ts';
import { runGenerate } from '../batch/support/run-generate.ts';
import { runInterplay } from '../support/run-cli.ts';

const shippedRetail = fileURLToPath(new URL('../../blueprints/retail', import.meta.url));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const modelOf = (body: unknown) => (body as { model: string }).model;
const manifestConfig = (run: string) => (JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8')) as { config: Record<string, unknown> }).config;

/**
 * A loopback server whose reviewers a and c approve and b fails (500, after the transport's one retry), or
 * all three give `scores`; and a folder with one draft blueprint and a --config naming the three reviewers.
 */
async function committeeWithOneFailingReviewer(scores?: Parameters<typeof review>[0]) {
  const server = await startChatCompletionsServer(({ body }) => {
    const model = modelOf(body);
    if (model === 'b' && !scores) return errorReply(500, { message: 'boom', headers: { 'retry-after-ms': '1' } });
    if (model === 'a' || model === 'b' || model === 'c') return completionReply({ content: JSON.stringify(review(scores ?? [1, 1, 1, 1])) });
    if (model === 'feedback-model' || model === 'generator-model') return errorReply(500, { message: 'not expected here' });
    if (model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Hi, where is my order?' });
    return completionReply({ content: 'It is on its way. Anything else?' });
  });
  closers.push(() => server.close());
  const root = mkdtempSync(join(tmpdir(), 'interplay-generate-committee-'));
  mkdirSync(join(root, 'in'));
  const draft = { ...JSON.parse(readFileSync(join(shippedRetail, 'retail-cancel-pending-order.json'), 'utf8')), status: 'draft' };
  writeFileSync(join(root, 'in', 'draft.json'), JSON.stringify(draft));
  const reviewers = ['a', 'b', 'c'].map((model) => ({ baseURL: server.baseURL, model, maxRetries: 1, timeoutMs: 120_000 }));
  writeFileSync(join(root, 'models.json'), JSON.stringify({ models: { reviewers } }));
  const flags = ['--domain', 'retail', '--blueprints', 'in', '--config', 'models.json', '--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL, '--trials', '1', '--concurrency', '1'];
  return { server, root, flags, env: { OPENAI_BASE_URL: server.baseURL } };
}

describe('interplay generate: the committee flags of validate (--threshold, --min-voters, --max-rounds)', () => {
  it('--min-voters 3 with one failing reviewer of three: not validated (exit 3), stored, and kept by --resume; the default majority approves', async () => {
    const { root, flags, env } = await committeeWithOneFailingReviewer();

    const strict = join(root, 'strict');
    const first = await runGenerate([...flags, '--min-voters', '3', '--threshold', '3', '--max-rounds', '1', '--out', strict], { cwd: root, env });
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('blueprints: 1 checked — 0 validated, 0 approved, 0 rejected (left out), 1 not validated (--resume validates them again)');
    expect(first.stdout).toMatch(/\n1 blueprint not validated: no quorum because reviewer calls failed/);
    expect(readFileSync(join(strict, 'trajectories.jsonl'), 'utf8')).toBe('');
    expect(manifestConfig(strict)).toMatchObject({ threshold: 3, minVoters: 3, maxRounds: 1 });

    // The resume validates again with the run's own quorum of 3: b still fails, so still not validated.
    const resumed = await runGenerate(['--resume', strict], { cwd: root, env });
    expect(resumed.code).toBe(3);
    expect(resumed.stdout).toContain('phase 1 did not finish for 1 blueprint: validating again');
    expect(resumed.stdout).toContain('1 not validated (--resume validates them again)');
    expect(readFileSync(join(strict, 'trajectories.jsonl'), 'utf8')).toBe('');
    expect(manifestConfig(strict)).toMatchObject({ threshold: 3, minVoters: 3, maxRounds: 1 });

    // The committee flags are the run's: a resume cannot change them.
    const changed = await runGenerate(['--resume', strict, '--min-voters', '2'], { cwd: root, env });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toBe('error: --min-voters cannot change on --resume: the run keeps the settings it started with\n');

    // Without --min-voters the quorum is a majority: a and c (2 of 3) approve.
    const majority = join(root, 'majority');
    const second = await runGenerate([...flags, '--out', majority], { cwd: root, env });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('blueprints: 1 checked — 0 validated, 1 approved, 0 rejected (left out)');
    expect(readFileSync(join(majority, 'trajectories.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    expect(manifestConfig(majority)).not.toHaveProperty('minVoters');
    expect(manifestConfig(majority)).not.toHaveProperty('maxRounds');
  });

  it('--threshold and --max-rounds reach phase 1: 3 of 4 criteria approve with --threshold 3, and --max-rounds 0 asks for no revision', async () => {
    const { server, root, flags, env } = await committeeWithOneFailingReviewer([1, 1, 1, 0]);
    const reviseFlags = ['--feedback-model', 'feedback-model', '--feedback-base-url', server.baseURL, '--generator-model', 'generator-model', '--generator-base-url', server.baseURL];

    const strict = await runGenerate([...flags, ...reviseFlags, '--max-rounds', '0', '--out', join(root, 'strict')], { cwd: root, env });
    expect(strict.stderr).toBe('');
    expect(strict.stdout).toContain('blueprints: 1 checked — 0 validated, 0 approved, 1 rejected (left out)');
    expect(server.requests.filter((request) => ['feedback-model', 'generator-model'].includes(modelOf(request.body)))).toHaveLength(0);

    const lenient = await runGenerate([...flags, '--threshold', '3', '--out', join(root, 'lenient')], { cwd: root, env });
    expect(lenient.stderr).toBe('');
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('blueprints: 1 checked — 0 validated, 1 approved, 0 rejected (left out)');
  });

  it('a run whose stored settings have none of the committee fields (an older run) still resumes, with the defaults', async () => {
    const { root, flags, env } = await committeeWithOneFailingReviewer();
    const run = join(root, 'old');
    const first = await runGenerate([...flags, '--min-voters', '3', '--out', run], { cwd: root, env });
    expect(first.code).toBe(3);
    // As a run started before the flags existed: no committee fields in its manifest.
    const manifest = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8')) as { config: Record<string, unknown> };
    const { threshold: _threshold, minVoters: _minVoters, ...older } = manifest.config;
    writeFileSync(join(run, 'manifest.json'), JSON.stringify({ ...manifest, config: older }));

    const resumed = await runGenerate(['--resume', run], { cwd: root, env });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('blueprints: 1 checked — 0 validated, 1 approved, 0 rejected (left out)');
  });

  it('a bad value gets the same one line as in validate, and nothing is written', async () => {
    const { root, flags, env } = await committeeWithOneFailingReviewer();
    const cases: string[][] = [
      ['--threshold', '5'],
      ['--threshold', 'all'],
      ['--min-voters', '0'],
      ['--min-voters', '4'],
      ['--max-rounds', '-1'],
    ];
    for (const bad of cases) {
      const out = join(root, `bad-${bad.join('')}`);
      const generate = await runGenerate([...flags, ...bad, '--out', out], { cwd: root, env });
      const validate = await runInterplay(['validate', 'in', '--config', 'models.json', ...bad], { cwd: root, env });
      expect(generate.code, bad.join(' ')).toBe(bad[0] === '--min-voters' && bad[1] === '4' ? 1 : 2);
      expect(validate.code, bad.join(' ')).toBe(generate.code);
      expect(generate.stderr.split('\n').filter(Boolean), bad.join(' ')).toHaveLength(1);
      // The same line, but for the command named in the hint to its --help.
      expect(generate.stderr, bad.join(' ')).toBe(validate.stderr.replace('interplay validate --help', 'interplay generate --help'));
      expect(() => readFileSync(join(out, 'manifest.json')), bad.join(' ')).toThrow();
    }
    const offline = await runGenerate(['--domain', 'retail', '--blueprints', 'in', '--offline', '--min-voters', '2', '--out', join(root, 'offline')], { cwd: root });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toBe('error: --min-voters applies to the committee, which --offline skips\n');
  });
});
