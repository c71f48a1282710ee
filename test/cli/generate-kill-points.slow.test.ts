import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectFinishedLike, expectLeftAt, killPointBatch, uninterruptedOutcome, resumableKillPoints, takeoverLine as takeoverPattern } from './support/kill-points.ts';
import { runFolderOutcome } from './support/run-folder-outcome.ts';

// Real processes of the real CLI, stopped at a checkpoint of their run folder by INTERPLAY_TEST_STOP_AT
// (they block there, event loop and all) and then SIGKILLed, broken or let go: no sleeps, no timing.
const root = fileURLToPath(new URL('../..', import.meta.url));
const mainModule = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const batch = killPointBatch;
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-kill-slow-'));

interface Cli {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once the process says it stopped at its checkpoint. */
  stopped: Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startCli(args: string[], stopAt?: string): Cli {
  const child = spawn(process.execPath, ['--import', tsxLoader, mainModule, 'generate', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(stopAt ? { INTERPLAY_TEST_STOP_AT: stopAt } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let reached: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (reached = resolve));
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stopAt && stderr.includes(`stopped at ${stopAt}`)) reached();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const stoppedFirst = Promise.race([stopped, exit.then(({ stderr: text }) => Promise.reject(new Error(`ended before ${stopAt}: ${text}`)))]);
  // Only awaited by callers that stop the process: for the others, its rejection is expected and ignored.
  stoppedFirst.catch(() => undefined);
  return { child, stopped: stoppedFirst, exit };
}

/** Runs to the end; resolves with how it ended. */
const runCli = (args: string[]) => startCli(args).exit;

/** Starts the batch, SIGKILLs it at `point`, and returns the folder it left and the pid that held it. */
async function killAt(point: string): Promise<{ folder: string; pid: number }> {
  const folder = join(scratch(), 'run');
  const cli = startCli([...batch, '--out', folder], point);
  await cli.stopped;
  cli.child.kill('SIGKILL');
  expect((await cli.exit).signal).toBe('SIGKILL');
  return { folder, pid: cli.child.pid! };
}

const takeoverLine = (folder: string, pid: number) => takeoverPattern(folder, pid, hostname());

let reference: ReturnType<typeof runFolderOutcome>;
beforeAll(async () => {
  reference = await uninterruptedOutcome(runCli, join(scratch(), 'reference'));
});

describe('interplay generate SIGKILLed at each kill point, then resumed (real processes)', () => {
  it('killed before anything was written: no run to resume, and `generate --out` starts it again', async () => {
    const { folder, pid } = await killAt('before-inputs:1');
    expectLeftAt('before-inputs:1', folder);
    cpSync(folder, `${folder}-copy`, { recursive: true });
    const resumed = await runCli(['--resume', `${folder}-copy`]);
    expect(resumed.stderr).toBe(`error: ${join(`${folder}-copy`, 'manifest.json')}: no run here: manifest.json not found\n`);
    expect(resumed.code).toBe(1);
    expectFinishedLike(await runCli([...batch, '--out', folder]), folder, takeoverLine(folder, pid), reference);
  });

  it.each(resumableKillPoints)('%s (%s): --resume ends exactly like the uninterrupted run', async (_label, point) => {
    const { folder, pid } = await killAt(point);
    expectLeftAt(point, folder);
    expectFinishedLike(await runCli(['--resume', folder]), folder, takeoverLine(folder, pid), reference);
  });
});

describe('one writer per run folder (real processes)', () => {
  it('refuses a second writer with one line while the first writes; the log gets no duplicates', async () => {
    const folder = join(scratch(), 'run');
    const first = startCli([...batch, '--out', folder], 'after-append:2');
    await first.stopped;
    const lock = JSON.parse(readFileSync(join(folder, 'writer.lock'), 'utf8'));
    expect(lock).toMatchObject({ schemaVersion: 1, pid: first.child.pid, host: hostname(), command: 'generate' });
    for (const second of [await runCli(['--resume', folder]), await runCli(['--resume', folder])]) {
      expect(second.stderr).toBe(`error: run ${folder} is being written by pid ${first.child.pid} on host ${hostname()} since ${lock.startedAt}; if that process is gone, run with --break-lock\n`);
      expect(second.code).toBe(1);
    }
    first.child.stdin.end('\n');
    const done = await first.exit;
    expect(done.stderr).toBe('stopped at after-append:2\n');
    expect(done.code).toBe(0);
    const outcome = runFolderOutcome(folder);
    expect(outcome.duplicates).toBe(0);
    expect(outcome).toEqual(reference);
  });

  it('--break-lock takes the lock of a live writer, saying whose', async () => {
    const folder = join(scratch(), 'run');
    const first = startCli([...batch, '--out', folder], 'after-append:2');
    await first.stopped;
    const broke = await runCli(['--resume', folder, '--break-lock']);
    expect(broke.stderr).toMatch(new RegExp(`^broke the writer lock of ${folder} held by pid ${first.child.pid} on host ${hostname()} \\(generate, since \\S+\\) \\(--break-lock\\)\\n$`));
    expect(broke.code).toBe(0);
    first.child.kill('SIGKILL');
    await first.exit;
    expect(runFolderOutcome(folder)).toEqual(reference);
  });

  it('SIGTERM gives the lock back: the next resume needs no takeover', async () => {
    const folder = join(scratch(), 'run');
    const first = startCli([...batch, '--out', folder], 'after-append:2');
    await first.stopped;
    // The signal is handled once the stop point lets the event loop go on.
    first.child.kill('SIGTERM');
    first.child.stdin.end('\n');
    expect((await first.exit).code).toBe(143);
    expect(existsSync(join(folder, 'writer.lock'))).toBe(false);
    expectFinishedLike(await runCli(['--resume', folder]), folder, '', reference);
  });
});

describe('a write failure in a real process', () => {
  it('names the file, exits 1 (no unhandled rejection, no internal error), and --resume recovers', async () => {
    const folder = join(scratch(), 'run');
    // Stopped right before phase 1's report is written (no manifest write is in flight there), the disk
    // fills up: the manifest's temporary file is /dev/full.
    const cli = startCli([...batch, '--out', folder], 'before-report:1');
    await cli.stopped;
    symlinkSync('/dev/full', join(folder, '.manifest.json.tmp'));
    cli.child.stdin.end('\n');
    const failed = await cli.exit;
    expect(failed.stderr).toBe(`stopped at before-report:1\nerror: no space left on the device while writing ${join(folder, 'manifest.json')}: free some space, then run the command again\n`);
    expect(failed.code).toBe(1);
    expect(readdirSync(folder).filter((file) => file.startsWith('.') || file === 'writer.lock' || file.startsWith('crash-'))).toEqual([]);
    expectFinishedLike(await runCli(['--resume', folder]), folder, '', reference);
  });
});
