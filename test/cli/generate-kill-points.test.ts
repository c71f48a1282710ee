import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { registerGenerateCommand, type GenerateCommandHooks } from '../../src/cli/commands/generate.ts';
import { runProgram } from '../../src/cli/program.ts';
import { runFolderOutcome } from './support/run-folder-outcome.ts';

// Four shipped retail blueprints, 2 trials each, the fallible offline agent: a seeded batch with kept and
// rejected trajectories, small enough to run a dozen times.
const blueprintIds = ['retail-cancel-pending-order', 'retail-address-moved-1', 'retail-cancel-and-return-1', 'retail-exchange-delivered-item'];
const batch = ['--domain', 'retail', '--blueprints', ...blueprintIds, '--offline', '--fallible', '--trials', '2', '--concurrency', '2', '--seed', '7'];
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-kill-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `interplay generate` in-process, with a fixed clock and the test's stop-point hook on its io. */
async function generate(argv: string[], options: { stopPoint?: CliIo['stopPoint']; hooks?: GenerateCommandHooks } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: {},
    cwd: process.cwd(),
    isTerminal: false,
    ...(options.stopPoint ? { stopPoint: options.stopPoint } : {}),
  };
  const program = new Command('interplay').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerGenerateCommand(program, io, options.hooks);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  const code = await runProgram(program, ['generate', ...argv], io);
  return { code, stdout, stderr };
}

/** The pid of a process that ran and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

let reference: ReturnType<typeof runFolderOutcome>;
let dead: number;
beforeAll(async () => {
  dead = await deadPid();
  const folder = join(scratch(), 'reference');
  const whole = await generate([...batch, '--out', folder]);
  expect(whole.stderr).toBe('');
  expect(whole.code).toBe(0);
  reference = runFolderOutcome(folder);
  expect(reference.trajectories).toHaveLength(8);
  expect(reference.trajectories.some((trajectory) => !trajectory.verdict.kept)).toBe(true);
});

/**
 * Runs the batch and copies its folder at the stop point: exactly what a SIGKILL there leaves (the copy
 * is made synchronously, nothing else moves meanwhile), with the lock's pid made a dead one, as the
 * killed writer's would be. The original run goes on to its end and is not looked at again.
 */
async function killedAt(point: string): Promise<string> {
  const base = scratch();
  const folder = join(base, 'run');
  const left = join(base, 'left');
  let reached = false;
  await generate([...batch, '--out', folder], {
    stopPoint: (name, count) => {
      if (reached || `${name}:${count}` !== point) return;
      reached = true;
      cpSync(folder, left, { recursive: true });
      const lock = JSON.parse(readFileSync(join(left, 'writer.lock'), 'utf8'));
      writeFileSync(join(left, 'writer.lock'), JSON.stringify({ ...lock, pid: dead }));
    },
  });
  expect(reached, `the batch reached ${point}`).toBe(true);
  return left;
}

const takeoverLine = (folder: string) => new RegExp(`^took over the writer lock of ${folder}: its writer, pid ${dead} on host \\S+ \\(generate, since 2026-01-02T03:04:05.000Z\\), is gone\\n$`);

describe('interplay generate killed at any point, then resumed', () => {
  it('a kill before anything was written leaves a folder that `generate --out` starts again', async () => {
    const left = await killedAt('before-inputs:1');
    expect(readdirSync(left)).toEqual(['writer.lock']);
    // There is no run to resume in it (a copy: the failed resume gives the stale lock back)...
    cpSync(left, `${left}-copy`, { recursive: true });
    const resumed = await generate(['--resume', `${left}-copy`]);
    expect(resumed.stderr).toBe(`error: ${join(`${left}-copy`, 'manifest.json')}: no run here: manifest.json not found\n`);
    expect(resumed.code).toBe(1);
    expect(readdirSync(`${left}-copy`)).toEqual([]);
    // ...and the same command starts it again, taking the dead writer's lock over.
    const again = await generate([...batch, '--out', left]);
    expect(again.stderr).toMatch(takeoverLine(left));
    expect(again.code).toBe(0);
    expect(runFolderOutcome(left)).toEqual(reference);
    expect(existsSync(join(left, 'writer.lock'))).toBe(false);
  });

  it.each([
    ['between inputs and manifest', 'before-manifest:1'],
    ['during phase 1, before its verdicts are stored', 'after-manifest:1'],
    ['during phase 1, accepted inputs written, verdicts not', 'before-report:1'],
    ['mid-log, with a torn last line', 'mid-append:3'],
    ['after an append, before it was counted', 'after-append:3'],
    ['during the final summary, before it is written', 'before-summary:1'],
    ['during the final summary, before the counts and report', 'after-summary:1'],
  ])('%s (%s): --resume ends exactly like the uninterrupted run', async (_label, point) => {
    const left = await killedAt(point);
    if (point === 'before-manifest:1') expect(readdirSync(left).sort()).toEqual(['inputs.json', 'writer.lock']);
    if (point === 'mid-append:3') expect(readFileSync(join(left, 'trajectories.jsonl'), 'utf8')).not.toMatch(/\n$/);
    const resumed = await generate(['--resume', left]);
    expect(resumed.stderr).toMatch(takeoverLine(left));
    expect(resumed.code).toBe(0);
    expect(runFolderOutcome(left)).toEqual(reference);
    expect(existsSync(join(left, 'writer.lock'))).toBe(false);
  });
});

describe('a write to the run folder that fails', () => {
  it('names the file, stops the batch without an unhandled rejection, gives the lock back, and --resume recovers', async () => {
    const folder = join(scratch(), 'run');
    // Progress reports are written while the batch runs (a ticking clock makes them due): the second one
    // meets a full disk (the manifest's temporary file is /dev/full), as a count update may.
    let now = Date.UTC(2026, 0, 2);
    const ticking = { now: () => (now += 500), sleep: async () => undefined };
    let planted = false;
    const failed = await generate([...batch, '--out', folder], {
      hooks: { clock: ticking },
      stopPoint: (name, count) => {
        if (planted || `${name}:${count}` !== 'before-report:2') return;
        planted = true;
        symlinkSync('/dev/full', join(folder, '.manifest.json.tmp'));
      },
    });
    expect(planted).toBe(true);
    expect(failed.stderr).toBe(`error: no space left on the device while writing ${join(folder, 'manifest.json')}: free some space, then run the command again\n`);
    expect(failed.code).toBe(1);
    // Stopped early, nothing half-written: the log's lines are whole, the manifest parses, the lock is gone.
    const lines = readFileSync(join(folder, 'trajectories.jsonl'), 'utf8');
    expect(lines === '' || lines.endsWith('\n')).toBe(true);
    expect(lines.split('\n').filter(Boolean).length).toBeLessThan(8);
    expect(() => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'))).not.toThrow();
    expect(readdirSync(folder).filter((file) => file.startsWith('.') || file === 'writer.lock')).toEqual([]);

    const resumed = await generate(['--resume', folder]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const outcome = runFolderOutcome(folder);
    expect(outcome.trajectories).toEqual(reference.trajectories);
    expect(outcome.counts).toEqual(reference.counts);
    rmSync(folder, { recursive: true });
  });
});
