import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../batch/support/run-generate.ts';
import { deadPid } from '../store/support/dead-pid.ts';
import { expectFinishedLike, expectLeftAt, killPointBatch, uninterruptedOutcome, resumableKillPoints, takeoverLine as takeoverPattern } from './support/kill-points.ts';
import { runFolderOutcome } from './support/run-folder-outcome.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-kill-'));
const batch = killPointBatch;
const generate = runGenerate;

let reference: ReturnType<typeof runFolderOutcome>;
beforeAll(async () => {
  reference = await uninterruptedOutcome(generate, join(scratch(), 'reference'));
});

/**
 * Runs the batch and copies its folder at the stop point: exactly what a SIGKILL there leaves (the copy
 * is made synchronously, nothing else moves meanwhile), with the lock's pid made a dead one, as the
 * killed writer's would be. The original run goes on to its end and is not looked at again.
 */
async function killedAt(point: string): Promise<{ left: string; pid: number }> {
  // A pid dead right now, for this copy alone (what the killed writer's lock would name).
  const pid = await deadPid();
  const base = scratch();
  const folder = join(base, 'run');
  const left = join(base, 'left');
  let reached = false;
  let copyFailure: unknown;
  await generate([...batch, '--out', folder], {
    stopPoint: (name, count) => {
      if (reached || `${name}:${count}` !== point) return;
      reached = true;
      try {
        // Temporary files are left out: a write in flight on the thread pool may rename one away mid-copy
        // (a kill leaves it or not; nothing reads it). Every other file is whole, old or new.
        cpSync(folder, left, { recursive: true, filter: (source) => !basename(source).startsWith('.') });
        const lock = JSON.parse(readFileSync(join(left, 'writer.lock'), 'utf8'));
        writeFileSync(join(left, 'writer.lock'), JSON.stringify({ ...lock, pid }));
      } catch (error) {
        copyFailure = error;
      }
    },
  });
  expect(reached, `the batch reached ${point}`).toBe(true);
  expect(copyFailure).toBeUndefined();
  return { left, pid };
}

const takeoverLine = (folder: string, pid: number) => takeoverPattern(folder, pid, hostname(), '2026-01-02T03:04:05.000Z');

describe('interplay generate killed at any point, then resumed', () => {
  it('a kill before anything was written leaves a folder that `generate --out` starts again', async () => {
    const { left, pid } = await killedAt('before-inputs:1');
    expectLeftAt('before-inputs:1', left);
    // There is no run to resume in it (a copy: the failed resume gives the stale lock back)...
    cpSync(left, `${left}-copy`, { recursive: true });
    const resumed = await generate(['--resume', `${left}-copy`]);
    expect(resumed.stderr).toBe(`error: ${join(`${left}-copy`, 'manifest.json')}: no run here: manifest.json not found\n`);
    expect(resumed.code).toBe(1);
    expect(readdirSync(`${left}-copy`)).toEqual([]);
    // ...and the same command starts it again, taking the dead writer's lock over.
    expectFinishedLike(await generate([...batch, '--out', left]), left, takeoverLine(left, pid), reference);
  });

  it.each(resumableKillPoints)('%s (%s): --resume ends exactly like the uninterrupted run', async (_label, point) => {
    const { left, pid } = await killedAt(point);
    expectLeftAt(point, left);
    expectFinishedLike(await generate(['--resume', left]), left, takeoverLine(left, pid), reference);
  });
});

describe('a write to the run folder that fails', () => {
  it('names the file, stops the batch without an unhandled rejection, gives the lock back, and --resume recovers', async () => {
    const folder = join(scratch(), 'run');
    // Progress reports are written while the batch runs (a ticking clock makes them due). From the second
    // one on, the disk is full: the manifest's temporary file becomes /dev/full at the first checkpoint where
    // no manifest write is in flight (its temporary file is absent), so a report or a count update meets it.
    let now = Date.UTC(2026, 0, 2);
    const ticking = { now: () => (now += 500), sleep: async () => undefined };
    let armed = false;
    let planted = false;
    const temporary = join(folder, '.manifest.json.tmp');
    const failed = await generate([...batch, '--out', folder], {
      hooks: { clock: ticking },
      stopPoint: (name, count) => {
        armed ||= `${name}:${count}` === 'before-report:2';
        if (!armed || planted || existsSync(temporary)) return;
        planted = true;
        symlinkSync('/dev/full', temporary);
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
