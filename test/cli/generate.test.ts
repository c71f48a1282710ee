import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchEvent, RunEvent } from '../../src/batch/batch-events.ts';
import { BatchEventRecorder } from '../../src/batch/recorded-event.ts';
import { completionReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { runGenerate } from '../batch/support/run-generate.ts';
import { runInterplay } from '../support/run-cli.ts';

const shippedRetail = fileURLToPath(new URL('../../blueprints/retail', import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-generate-'));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A folder with two shipped blueprints and one whose action names a tool that does not exist. */
function blueprintFolder(): string {
  const folder = join(scratch(), 'blueprints');
  mkdirSync(folder);
  for (const id of ['retail-cancel-pending-order', 'retail-update-default-address']) copyFileSync(join(shippedRetail, `${id}.json`), join(folder, `${id}.json`));
  const broken = JSON.parse(readFileSync(join(shippedRetail, 'retail-cancel-pending-order.json'), 'utf8'));
  writeFileSync(join(folder, 'retail-broken.json'), JSON.stringify({ ...broken, id: 'retail-broken', actions: [{ name: 'teleport_order', arguments: {} }] }));
  return folder;
}

const readLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');

describe('interplay generate', () => {
  it('validates, leaves the rejected out, rolls out the rest offline, and leaves a complete run folder', async () => {
    const out = join(scratch(), 'run');
    const events: BatchEvent[] = [];
    const run = await runGenerate(['--domain', 'retail', '--blueprints', blueprintFolder(), '--offline', '--fallible', '--trials', '3', '--out', out], { hooks: { onEvent: (event) => events.push(event) } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('phase 1: validating 3 blueprint(s)');
    expect(run.stdout).toContain('phase 2: rollouts, 3 per accepted blueprint, 8 at once (OFFLINE POLICIES, no model)');
    expect(run.stdout).toMatch(/\[ +0\.0s\] 6\/6 done · kept \d · rejected \d · errors 0 · running 0/);
    expect(run.stdout).toContain('blueprints: 3 checked — 2 validated, 0 approved, 1 rejected (left out)');
    expect(run.stdout).toMatch(/rejected retail-broken at format: .*teleport_order/);
    expect(run.stdout).toMatch(/trajectories 6: kept \d \(/);
    expect(run.stdout).toContain('pass^k: k=1');
    expect(run.stdout).toContain('model spend: none (no model was called)');

    expect(readdirSync(out).sort()).toEqual(['events.jsonl', 'inputs.json', 'manifest.json', 'report.html', 'trajectories.jsonl']);
    expect(run.stdout).toContain(`report: ${join(out, 'report.html')}\n`);
    const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8'));
    expect(inputs.blueprints.map((blueprint: { id: string; status: string }) => [blueprint.id, blueprint.status])).toEqual([
      ['retail-cancel-pending-order', 'validated'],
      ['retail-update-default-address', 'validated'],
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts.trajectories).toBe(6);
    expect(manifest.config).toMatchObject({ command: 'generate', trials: 3, offline: true, fallible: true });
    expect(manifest.batch.validation.verdicts.map((verdict: { status: string }) => verdict.status)).toEqual(['rejected', 'validated', 'validated']);
    expect(manifest.batch.summary).toMatchObject({ trajectories: 6, blueprints: 2 });
    expect(manifest.batch.accounting).toMatchObject({ cost: 0, lines: [] });
    // The log holds the events in their recorded form: trajectories by id, messages clipped.
    const logged = readLines(join(out, 'events.jsonl')).map((line) => JSON.parse(line) as RunEvent);
    const recorder = new BatchEventRecorder();
    expect(logged).toEqual(events.map((event) => recorder.record(event)).filter((event) => event !== undefined));
    expect(logged.filter((event) => event.type === 'job-end' && 'trajectory' in event)).toEqual([]);
    expect(logged.at(-1)).toMatchObject({ type: 'phase', phase: 'done' });

    // A finished run resumed does nothing new.
    const again = await runGenerate(['--resume', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`resuming ${out}: 6 trajectories already in the log`);
    expect(readLines(join(out, 'trajectories.jsonl'))).toHaveLength(6);
  });

  it('prints a progress line per 2 s of its clock without a terminal, and hands the events to the live view with one', async () => {
    let now = Date.UTC(2026, 0, 2);
    const ticking = { now: () => (now += 10), sleep: async () => undefined };
    const plain = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '12', '--concurrency', '1', '--out', join(scratch(), 'plain')], { hooks: { clock: ticking } });
    expect(plain.code).toBe(0);
    const progress = plain.stdout.split('\n').filter((line) => /^\[ *\d+\.\ds\] \d+\/12 done/.test(line));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.length).toBeLessThan(12);
    expect(progress.at(-1)).toMatch(/12\/12 done · kept 12 · rejected 0 · errors 0 · running 0 · 0 tokens · \$0\.0000$/);

    const seen: BatchEvent[] = [];
    let stopped = false;
    const live = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '2', '--out', join(scratch(), 'live')], {
      isTerminal: true,
      hooks: {
        startLiveView: (events) => {
          const unsubscribe = events.subscribe((event) => seen.push(event));
          return () => {
            unsubscribe();
            stopped = true;
          };
        },
      },
    });
    expect(live.code).toBe(0);
    expect(stopped).toBe(true);
    expect(seen[0]).toMatchObject({ type: 'phase', phase: 'validation' });
    expect(seen.at(-1)).toMatchObject({ type: 'phase', phase: 'done' });
    expect(live.stdout).not.toMatch(/phase 1|done ·/);
    expect(live.stdout).toContain('trajectories 2: kept 2 (100.0%)');
  });

  it('refuses bad input with one clear line each', async () => {
    const root = scratch();
    const rolloutRun = join(root, 'rollout-run');
    expect((await runInterplay(['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--offline', '--out', rolloutRun])).code).toBe(0);
    const finished = join(root, 'finished');
    expect((await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '1', '--out', finished])).code).toBe(0);
    writeFileSync(join(root, 'prices.json'), JSON.stringify({ 'gpt-4o': { input: 'cheap' } }));
    const emptyFolder = join(root, 'empty');
    mkdirSync(emptyFolder);
    const cases: Array<[string[], RegExp]> = [
      [['--domain', 'bank', '--blueprints', 'x', '--offline'], /unknown domain "bank" \(known: retail, airline\)/],
      [['--domain', 'retail', '--offline'], /--blueprints is required: blueprint files, folders or ids/],
      [['--domain', 'retail', '--blueprints', 'no-such-blueprint', '--offline'], /no blueprint file or id "no-such-blueprint"/],
      [['--domain', 'retail', '--blueprints', emptyFolder, '--offline'], /no blueprint files in .*empty: nothing to run/],
      [['--blueprints', 'retail-cancel-pending-order', '--offline'], /--domain is required \(retail or airline\), unless you --resume a run/],
      [['--resume', emptyFolder], /no run here: manifest\.json not found/],
      [['--resume', join(root, 'nowhere')], /no run here: manifest\.json not found/],
      [['--resume', rolloutRun], /was not made by `interplay generate`.*cannot be resumed/],
      [['--resume', finished, '--out', join(root, 'other')], /--out and --resume conflict/],
      [['--resume', finished, '--trials', '5', '--domain', 'retail'], /--trials, --domain cannot change on --resume/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', finished], /already holds a run: continue it with --resume/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order'], /configure the agent and human models/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--agent-model', 'a', '--human-model', 'h', '--human-api-key-env', 'HUMAN_KEY'], /the environment variable HUMAN_KEY \(the API key for h\) is not set/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--fallible', '--agent-model', 'a', '--human-model', 'h'], /--fallible only applies with --offline/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--agent-model', 'a'], /--offline runs no model: drop the agent model setting/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--concurrency', '0'], /--concurrency must be a whole number from 1/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--rpm', 'many'], /--rpm must be a positive number, got "many"/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--max-cost', '-1'], /--max-cost must be a non-negative number/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--prices', join(root, 'prices.json')], /prices\.json: a price file maps model names to .*gpt-4o\.input/],
      [['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--prices', join(root, 'missing.json')], /missing\.json: no such price file/],
    ];
    for (const [argv, message] of cases) {
      const run = await runGenerate(argv, { cwd: root });
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr, argv.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect(existsSync(join(root, 'traces'))).toBe(false);
  });

  it('prices model calls, stops at --max-cost, and a resume replays cached answers instead of paying again', async () => {
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'human-model') {
        const said = JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Hi, where is my order?';
        return completionReply({ content: said, usage: { prompt_tokens: 30, completion_tokens: 5 } });
      }
      return completionReply({ content: 'It is on its way. Anything else?', usage: { prompt_tokens: 300, completion_tokens: 9 } });
    });
    closers.push(() => server.close());
    const root = scratch();
    const out = join(root, 'run');
    writeFileSync(join(root, 'prices.json'), JSON.stringify({ 'agent-model': { input: 1000, output: 1000 } }));
    const secret = 'sk-very-secret-0123456789';
    const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL];
    const env = { OPENAI_API_KEY: secret };
    const blueprints = ['--blueprints', 'retail-cancel-pending-order', 'retail-update-default-address'];

    // Each rollout: 2 human calls (no price) and 1 agent call at (300 + 9) x 1000 / 1M = $0.309.
    const first = await runGenerate(['--domain', 'retail', ...blueprints, ...models, '--trials', '3', '--concurrency', '1', '--max-cost', '0.5', '--prices', 'prices.json', '--rpm', '600', '--out', out], { cwd: root, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('stopped starting jobs: the spend $0.6180 reached --max-cost $0.5000; 4 job(s) not started (running ones finished)');
    expect(first.stdout).toMatch(/agent +agent-model@http:\/\/127\.0\.0\.1:\d+\/v1: 2 calls, 600 prompt \+ 18 completion tokens, \$0\.6180/);
    expect(first.stdout).toMatch(/human +human-model@http:\/\/127\.0\.0\.1:\d+\/v1: 4 calls, 120 prompt \+ 20 completion tokens, no price/);
    expect(first.stdout).toContain('no price (counted as 0; add them with --prices <file>): human-model');
    expect(readLines(join(out, 'trajectories.jsonl'))).toHaveLength(2);
    expect(server.requests).toHaveLength(6);

    // Resumed with a higher limit: the four other jobs run, the spend of the first session still counts.
    const second = await runGenerate(['--resume', out, '--max-cost', '10', '--prices', 'prices.json'], { cwd: root, env });
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain(`resuming ${out}: 2 trajectories already in the log`);
    expect(second.stdout).toMatch(/total: 2,274 tokens, \$1\.85\n/);
    expect(readLines(join(out, 'trajectories.jsonl'))).toHaveLength(6);
    expect(server.requests).toHaveLength(18);
    const complete = readFileSync(join(out, 'trajectories.jsonl'), 'utf8');

    // Lose the log (as if every append had been cut off): a resume redoes all six jobs from the cache.
    writeFileSync(join(out, 'trajectories.jsonl'), '');
    const replay = await runGenerate(['--resume', out, '--rerun-lost', '--prices', 'prices.json'], { cwd: root, env });
    expect(replay.code).toBe(0);
    expect(server.requests).toHaveLength(18);
    expect(replay.stdout).toMatch(/agent +agent-model@http:\/\/127\.0\.0\.1:\d+\/v1: 6 calls \(\+6 from cache\)/);
    const withoutTimings = (text: string) =>
      readLinesOf(text)
        .map((line) => {
          const { timings: _timings, ...rest } = JSON.parse(line) as { timings: unknown; id: string };
          return rest;
        })
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(withoutTimings(readFileSync(join(out, 'trajectories.jsonl'), 'utf8'))).toEqual(withoutTimings(complete));

    // --no-cache pays again.
    writeFileSync(join(out, 'trajectories.jsonl'), '');
    expect((await runGenerate(['--resume', out, '--rerun-lost', '--no-cache'], { cwd: root, env })).code).toBe(0);
    expect(server.requests).toHaveLength(36);

    // The key went to the server and nowhere else.
    expect(server.requests.every((request) => request.headers.authorization === `Bearer ${secret}`)).toBe(true);
    for (const file of filesUnder(out)) expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
  });
});

const readLinesOf = (text: string) => text.split('\n').filter((line) => line !== '');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
