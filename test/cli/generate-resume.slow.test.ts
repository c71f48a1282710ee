import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/rollout/offline/seeded-random.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('../batch/support/generate-main.ts', import.meta.url));

// 25 shipped retail blueprints x 12 trials = 300 jobs: long enough to be killed in the middle.
const batch = ['--domain', 'retail', '--blueprints', 'blueprints/retail', '--offline', '--fallible', '--trials', '12', '--concurrency', '8', '--seed', '7'];

function start(args: string[]): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'generate', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exit };
}

const lineCount = (file: string) => (existsSync(file) ? readFileSync(file).reduce((count, byte) => count + (byte === 0x0a ? 1 : 0), 0) : 0);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the CLI and SIGKILLs it once `killWhen` says so (checked every few ms); resolves with how it ended. */
async function runUntil(args: string[], killWhen: () => boolean): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  const { child, exit } = start(args);
  let ended = false;
  const done = exit.then((result) => {
    ended = true;
    return result;
  });
  while (!ended) {
    if (killWhen()) {
      child.kill('SIGKILL');
      break;
    }
    await pause(3);
  }
  const result = await done;
  return { killed: result.signal === 'SIGKILL', code: result.code, stderr: result.stderr };
}

/** The trajectories of a run folder, by id, without their timings (the only part that may differ). */
function trajectoriesOf(folder: string): Map<string, unknown> {
  const lines = readFileSync(join(folder, 'trajectories.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
  const byId = new Map<string, unknown>();
  for (const line of lines) {
    const { timings: _timings, ...rest } = JSON.parse(line) as { id: string; timings: unknown };
    expect(byId.has(rest.id), `trajectory ${rest.id} is in the log twice`).toBe(false);
    byId.set(rest.id, rest);
  }
  return byId;
}

describe('interplay generate --resume after SIGKILL', () => {
  it('ends with exactly the trajectories of an uninterrupted run: none lost, none duplicated', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'interplay-resume-'));
    const reference = join(scratch, 'reference');
    const interrupted = join(scratch, 'interrupted');
    const log = join(interrupted, 'trajectories.jsonl');

    const whole = await runUntil([...batch, '--out', reference], () => false);
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    const expected = trajectoriesOf(reference);
    expect(expected.size).toBe(300);

    // Kill points drawn from a seeded source: once early (a delay after the manifest appears, often in
    // phase 1), then twice when the log has reached a drawn number of lines.
    const random = seededRandom(20260102);
    const kills: string[] = [];
    const first = 10 + Math.floor(random() * 60);
    let armedAt: number | undefined;
    const early = await runUntil([...batch, '--out', interrupted], () => {
      if (!existsSync(join(interrupted, 'manifest.json'))) return false;
      armedAt ??= performance.now();
      return performance.now() - armedAt >= first;
    });
    kills.push(`${first} ms after the manifest: ${early.killed ? `killed at ${lineCount(log)} lines` : 'finished first'}`);
    // Then resumes killed at drawn log lengths, until two of them have landed: a resume that a starved
    // poller let run to its end (a very busy machine) just draws again from where the log is, whatever the load.
    let resumesKilled = 0;
    let lastKilled = early.killed;
    while (resumesKilled < 2 && lineCount(log) < 300) {
      const done = lineCount(log);
      const target = done + 1 + Math.floor(random() * 0.45 * (300 - done));
      const run = await runUntil(['--resume', interrupted], () => lineCount(log) >= target);
      kills.push(`at ${target} lines: ${run.killed ? `killed at ${lineCount(log)} lines` : `finished first (${run.stderr})`}`);
      lastKilled = run.killed;
      if (run.killed) resumesKilled += 1;
    }
    const last = await runUntil(['--resume', interrupted], () => false);
    // A killed writer left its lock: the last resume takes it over (its pid is dead on this host) and says so.
    if (lastKilled) expect(last.stderr, kills.join('; ')).toMatch(/^took over the writer lock of \S+: its writer, pid \d+ on host \S+ \(generate --resume, since \S+\), is gone\n$/);
    else expect(last.stderr, kills.join('; ')).toBe('');
    expect(last.code).toBe(0);
    expect(kills.filter((kill) => kill.includes('killed')).length, kills.join('; ')).toBeGreaterThanOrEqual(2);

    const actual = trajectoriesOf(interrupted);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, trajectory] of expected) expect(actual.get(id), id).toEqual(trajectory);

    // The counts are the log's, whatever the kills left in the manifest; every event line is whole.
    const manifest = JSON.parse(readFileSync(join(interrupted, 'manifest.json'), 'utf8'));
    const referenceManifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toEqual(referenceManifest.counts);
    const withoutDuration = ({ meanDurationMs: _duration, ...summary }: { meanDurationMs: number }) => summary;
    expect(withoutDuration(manifest.batch.summary)).toEqual(withoutDuration(referenceManifest.batch.summary));
    for (const line of readFileSync(join(interrupted, 'events.jsonl'), 'utf8').split('\n').filter((text) => text !== '')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
