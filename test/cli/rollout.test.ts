import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completionReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { runInterplay } from '../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-cli-'));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('interplay rollout / regrade / export', () => {
  it('runs offline policies into a run folder that regrades and exports without a model', async () => {
    const out = join(scratch(), 'run');
    const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--offline', '--fallible', '--trials', '4', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# retail-cancel-pending-order#0  human=offline:scripted-human  agent=offline:fallible-agent');
    expect(run.stdout).toMatch(/trajectories 4: kept \d+/);
    expect(run.stdout).toContain('pass^k: k=1');
    expect(readdirSync(out).sort()).toEqual(['inputs.json', 'manifest.json', 'trajectories.jsonl']);
    const lines = readFileSync(join(out, 'trajectories.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([0, 1, 2, 3].map((attempt) => `retail-cancel-pending-order#${attempt}`));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ domain: 'retail', seed: 1, models: { human: 'offline:scripted-human', agent: 'offline:fallible-agent' }, counts: { trajectories: 4 } });

    const regrade = await runInterplay(['regrade', out]);
    expect(regrade.stdout).toContain('re-graded 4 trajectories without a model: 0 verdict(s) differ from the stored ones');

    // A stored verdict that lies is caught by re-grading.
    const tampered = lines.map((line) => JSON.parse(line));
    tampered[0].verdict.kept = !tampered[0].verdict.kept;
    writeFileSync(join(out, 'trajectories.jsonl'), `${tampered.map((trajectory) => JSON.stringify(trajectory)).join('\n')}\n`);
    expect((await runInterplay(['regrade', out])).stdout).toContain('1 verdict(s) differ');

    // A bare trajectory file is re-graded against the blueprints it names.
    const file = join(out, 'trajectories.jsonl');
    expect((await runInterplay(['regrade', file, '--blueprints', 'retail-cancel-pending-order'])).stdout).toContain('re-graded 4 trajectories without a model: 1 verdict(s) differ');
    expect((await runInterplay(['regrade', file])).stderr).toMatch(/a trajectory file needs --blueprints/);

    const exported = join(scratch(), 'all.json');
    const exportRun = await runInterplay(['export', '--format', 'sharegpt', out, '--out', exported, '--all']);
    expect(exportRun.code).toBe(0);
    // ShareGPT is one JSON array, as APIGen-MT-5k ships it.
    expect(JSON.parse(readFileSync(exported, 'utf8'))).toHaveLength(4);
  });

  it('refuses to run without models unless --offline, naming what to configure', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order'], /configure the agent and human models \(--agent-model and --human-model, or --config\), or pass --offline/],
      [['rollout', '--domain', 'retail', '--blueprint', 'no-such-blueprint', '--offline'], /no blueprint file or id "no-such-blueprint"/],
      [['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--agent-model', 'a', '--human-model', 'h', '--agent-api-key-env', 'MY_KEY'], /the environment variable MY_KEY \(the API key for a\) is not set/],
      [['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--offline', '--trials', '0'], /--trials must be a whole number from 1 to 1000, got "0"/],
      [['regrade', '/nonexistent/run'], /no such run folder or trajectory file/],
    ];
    for (const [argv, message] of cases) {
      const run = await runInterplay(argv);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('drives real model roles over HTTP, and the API key stays out of everything it writes', async () => {
    let agentCalls = 0;
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'human-model') {
        const said = JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Hi, what is my order status?';
        return completionReply({ content: said, usage: { prompt_tokens: 30, completion_tokens: 5 } });
      }
      agentCalls++;
      return completionReply({ content: 'It is on its way. Anything else?', usage: { prompt_tokens: 300, completion_tokens: 9 } });
    });
    closers.push(() => server.close());
    const out = join(scratch(), 'run');
    const secret = 'sk-very-secret-0123456789';
    const run = await runInterplay(
      ['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL, '--out', out],
      { env: { OPENAI_API_KEY: secret } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(agentCalls).toBe(1);
    expect(server.requests.every((request) => request.headers.authorization === `Bearer ${secret}`)).toBe(true);
    expect(run.stdout).toContain('verdict: REJECTED — state-mismatch');
    expect(run.stdout).toMatch(/agent 1 calls, 300 prompt \+ 9 completion tokens/);
    for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8')).not.toContain(secret);
    expect(run.stdout).not.toContain(secret);
  });
});

describe('interplay rollout with a judge', () => {
  it('asks the judge about a judge-required blueprint (its gold changes nothing and expects no outputs), and refuses it without a judge', async () => {
    const folder = scratch();
    const blueprint = JSON.parse(readFileSync('blueprints/retail/retail-cancel-pending-order.json', 'utf8'));
    const lookOnly = { ...blueprint, id: 'look-only', actions: blueprint.actions.slice(0, 1), outputs: [] };
    writeFileSync(join(folder, 'look-only.json'), JSON.stringify(lookOnly));
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string; messages: { content: string }[] };
      if (request.model === 'judge-model') return completionReply({ content: 'The agent helped.\nVERDICT: PASS' });
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'Thanks. ###STOP###' : 'Hi, I have a question.' });
      return completionReply({ content: 'Happy to help. Anything else?' });
    });
    closers.push(() => server.close());
    const models = ['--agent-model', 'agent-model', '--human-model', 'human-model', '--judge-model', 'judge-model'];
    const rollout = (extra: string[], out: string) =>
      runInterplay(['rollout', '--domain', 'retail', '--blueprint', join(folder, 'look-only.json'), ...extra, '--json', '--out', join(folder, out)], { env: { OPENAI_BASE_URL: server.baseURL } });
    // Validation accepts it as judge-required: with a judge, the judge decides (and the blueprint is not unvalidated).
    const run = await rollout(models, 'run');
    expect(run.stderr).toBe('');
    const trajectory = JSON.parse(run.stdout.trim());
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted', state: { goldChangesState: false }, judge: { model: expect.stringContaining('judge-model'), passed: true, reasoning: 'The agent helped.' } });
    expect(trajectory.verdict.unvalidated).toBeUndefined();
    // Without a judge it is refused, in one line naming it and the flags, and nothing is rolled out.
    const requests = server.requests.length;
    const refused = await rollout(models.slice(0, 4), 'run1');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'error: 1 of 1 blueprint(s) need a judge (their gold changes nothing, names no outputs and ends with no transfer, so only a judge can grade them): look-only; pass --judge-model, or --unvalidated to roll them out graded unverifiable (never kept); nothing was rolled out',
    ]);
    expect(existsSync(join(folder, 'run1'))).toBe(false);
    expect(server.requests.length).toBe(requests);
    expect((await rollout(['--offline'], 'run2')).stderr).toContain('look-only; pass --judge-model (with model roles: --offline has no judge), or --unvalidated');
    // --unvalidated rolls it out without a judge: unverifiable, never kept.
    const withoutJudge = await rollout([...models.slice(0, 4), '--unvalidated'], 'run3');
    expect(JSON.parse(withoutJudge.stdout.trim()).verdict).toMatchObject({ kept: false, reason: 'unverifiable' });
  });
});

describe('interplay demo', () => {
  it('runs the offline demo end to end and leaves graded run folders', async () => {
    const out = join(scratch(), 'demo');
    const run = await runInterplay(['demo', '--out', out, '--per-domain', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OFFLINE POLICIES, no model');
    expect(run.stdout).toMatch(/== retail, oracle agent: 2 blueprints x 3 trials/);
    expect(run.stdout).toMatch(/trajectories 6: kept 6 \(100.0%\)/);
    expect(existsSync(join(out, 'retail-fallible', 'trajectories.jsonl'))).toBe(true);
  });
});
