import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadPid } from './support/dead-pid.ts';
import { InvalidDataError } from '../../src/domain-kit/index.ts';
import {
  acquireRunLock,
  describeRunLockTakeover,
  isProcessAlive,
  releaseHeldRunLocksSync,
  RUN_LOCK_FILE,
  RUN_LOCK_TAKEOVER_FILE,
  RunLockedError,
  runLockSchema,
  type RunWriter,
} from '../../src/store/index.ts';

const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') };
const host = hostname();
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-lock-'));
const folder = () => {
  const path = join(scratch(), 'run');
  mkdirSync(path);
  return path;
};
const lockOf = (path: string) => runLockSchema.parse(JSON.parse(readFileSync(join(path, RUN_LOCK_FILE), 'utf8')));
const me: RunWriter = { pid: process.pid, host, command: 'generate' };
/** A live process on this host that is not this one: the test runner that started this worker. */
const liveOther: RunWriter = { pid: process.ppid, host, command: 'generate --resume' };

let dead: number;
beforeAll(async () => {
  dead = await deadPid();
  expect(isProcessAlive(dead)).toBe(false);
});

describe('the run folder lock', () => {
  it('is an exclusive, versioned file naming the writer, taken before anything else and removed on release', async () => {
    const run = folder();
    const lock = await acquireRunLock(run, { writer: me, clock });
    expect(readdirSync(run)).toEqual([RUN_LOCK_FILE]);
    expect(lockOf(run)).toEqual({ schemaVersion: 1, pid: process.pid, host, startedAt: '2026-01-02T03:04:05.000Z', command: 'generate' });
    expect(lock.takeover).toBeUndefined();
    await lock.release();
    expect(readdirSync(run)).toEqual([]);
  });

  it('refuses a second writer with one line naming pid, host and start, whether it lives here or on another host', async () => {
    const run = folder();
    const first = await acquireRunLock(run, { writer: liveOther, clock });
    const refusal = await acquireRunLock(run, { writer: me, clock }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RunLockedError);
    expect((refusal as Error).message).toBe(`run ${run} is being written by pid ${process.ppid} on host ${host} since 2026-01-02T03:04:05.000Z; if that process is gone, run with --break-lock`);
    // The refused writer changed nothing: the first writer's lock is whole, no temporary file is left.
    expect(lockOf(run).pid).toBe(process.ppid);
    expect(readdirSync(run)).toEqual([RUN_LOCK_FILE]);
    await first.release();

    // A dead pid on another host is not known to be dead: only --break-lock takes that lock.
    const remote = await acquireRunLock(run, { writer: { pid: dead, host: 'build-box-7', command: 'generate' }, clock });
    await expect(acquireRunLock(run, { writer: me, clock })).rejects.toThrow(`run ${run} is being written by pid ${dead} on host build-box-7 since 2026-01-02T03:04:05.000Z; if that process is gone, run with --break-lock`);
    await expect(acquireRunLock(run, { writer: me, clock, refusalHint: 'choose another --out' })).rejects.toThrow(/; choose another --out$/);
    const broken = await acquireRunLock(run, { writer: me, clock, breakLock: true });
    expect(broken.takeover).toEqual({ reason: 'broken', previous: { schemaVersion: 1, pid: dead, host: 'build-box-7', startedAt: '2026-01-02T03:04:05.000Z', command: 'generate' } });
    expect(describeRunLockTakeover(run, broken.takeover!)).toBe(`broke the writer lock of ${run} held by pid ${dead} on host build-box-7 (generate, since 2026-01-02T03:04:05.000Z) (--break-lock)`);
    expect(lockOf(run).pid).toBe(process.pid);
    await broken.release();
    await remote.release(); // no longer its lock: nothing is removed
    expect(readdirSync(run)).toEqual([]);
  });

  it('takes over the lock of a dead pid on this host, and says whose it was', async () => {
    const run = folder();
    await acquireRunLock(run, { writer: { pid: dead, host, command: 'generate' }, clock });
    const lock = await acquireRunLock(run, { writer: me, clock: { now: () => new Date('2026-01-02T04:00:00.000Z') } });
    expect(lock.takeover).toEqual({ reason: 'stale', previous: { schemaVersion: 1, pid: dead, host, startedAt: '2026-01-02T03:04:05.000Z', command: 'generate' } });
    expect(describeRunLockTakeover(run, lock.takeover!)).toBe(`took over the writer lock of ${run}: its writer, pid ${dead} on host ${host} (generate, since 2026-01-02T03:04:05.000Z), is gone`);
    expect(lockOf(run)).toMatchObject({ pid: process.pid, startedAt: '2026-01-02T04:00:00.000Z' });
    expect(readdirSync(run)).toEqual([RUN_LOCK_FILE]);
    await lock.release();
  });

  it('never breaks a live writer on this host without --break-lock, and breaks it with it', async () => {
    const run = folder();
    const other = await acquireRunLock(run, { writer: liveOther, clock });
    await expect(acquireRunLock(run, { writer: me, clock })).rejects.toBeInstanceOf(RunLockedError);
    const broken = await acquireRunLock(run, { writer: me, clock, breakLock: true });
    expect(broken.takeover).toMatchObject({ reason: 'broken', previous: { pid: process.ppid } });
    // The broken writer's release leaves the new writer's lock alone.
    await other.release();
    expect(lockOf(run).pid).toBe(process.pid);
    await broken.release();
  });

  it('refuses a second lock by this very process even with --break-lock', async () => {
    const run = folder();
    const lock = await acquireRunLock(run, { writer: me, clock });
    await expect(acquireRunLock(run, { writer: me, clock, breakLock: true })).rejects.toBeInstanceOf(RunLockedError);
    await lock.release();
  });

  it('refuses an unreadable or invalid lock file with one line naming it, and --break-lock replaces it', async () => {
    const run = folder();
    writeFileSync(join(run, RUN_LOCK_FILE), '{"pid": "twelve"');
    const garbled = await acquireRunLock(run, { writer: me, clock }).catch((error: unknown) => error);
    expect(garbled).toBeInstanceOf(InvalidDataError);
    expect((garbled as Error).message).toMatch(new RegExp(`^${join(run, RUN_LOCK_FILE)}: not a valid run lock \\(.*\\); if no interplay process writes this run, run with --break-lock$`));
    writeFileSync(join(run, RUN_LOCK_FILE), JSON.stringify({ schemaVersion: 2, pid: 1, host, startedAt: 'yesterday', command: 'x' }));
    const invalid = await acquireRunLock(run, { writer: me, clock }).catch((error: unknown) => error);
    expect((invalid as Error).message).toContain(`${join(run, RUN_LOCK_FILE)}: not a valid run lock; if no interplay process writes this run, run with --break-lock\n  schemaVersion:`);
    const broken = await acquireRunLock(run, { writer: me, clock, breakLock: true });
    expect(broken.takeover).toEqual({ reason: 'broken', previous: undefined });
    await broken.release();
    expect(readdirSync(run)).toEqual([]);
  });

  it('refuses while another live process is taking a stale lock over, and points to --break-lock when that takeover died', async () => {
    const run = folder();
    await acquireRunLock(run, { writer: { pid: dead, host, command: 'generate' }, clock });
    // A takeover file from a live process: it is about to become the writer.
    writeFileSync(join(run, RUN_LOCK_TAKEOVER_FILE), JSON.stringify({ ...lockOf(run), pid: process.ppid, command: 'generate --resume' }));
    await expect(acquireRunLock(run, { writer: me, clock })).rejects.toThrow(`run ${run} is being written by pid ${process.ppid} on host ${host} since 2026-01-02T03:04:05.000Z; if that process is gone, run with --break-lock`);
    // A takeover file whose process died: the user decides.
    writeFileSync(join(run, RUN_LOCK_TAKEOVER_FILE), JSON.stringify({ ...lockOf(run), pid: dead }));
    await expect(acquireRunLock(run, { writer: me, clock })).rejects.toThrow(`${join(run, RUN_LOCK_TAKEOVER_FILE)}: a takeover of this run's lock by pid ${dead} was interrupted; if no interplay process writes ${run}, run with --break-lock`);
    // --break-lock clears the dead takeover; the lock itself was stale (its pid is dead here).
    const broken = await acquireRunLock(run, { writer: me, clock, breakLock: true });
    expect(broken.takeover).toMatchObject({ reason: 'stale', previous: { pid: dead } });
    expect(readdirSync(run)).toEqual([RUN_LOCK_FILE]);
    await broken.release();
  });

  it('gives every held lock back synchronously (what the CLI does on SIGINT/SIGTERM)', async () => {
    const [first, second] = [folder(), folder()];
    await acquireRunLock(first, { writer: me, clock });
    const kept = await acquireRunLock(second, { writer: me, clock });
    releaseHeldRunLocksSync();
    expect(existsSync(join(first, RUN_LOCK_FILE))).toBe(false);
    expect(existsSync(join(second, RUN_LOCK_FILE))).toBe(false);
    await kept.release(); // already given back: nothing happens
  });

  it('has one winner when writers in one process race for a stale lock', async () => {
    for (let round = 0; round < 20; round++) {
      const run = folder();
      await acquireRunLock(run, { writer: { pid: dead, host, command: 'generate' }, clock });
      const racers: RunWriter[] = [me, liveOther, { pid: process.pid, host: 'elsewhere', command: 'generate' }];
      const outcomes = await Promise.allSettled(racers.map((writer) => acquireRunLock(run, { writer, clock })));
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(winners, `round ${round}`).toHaveLength(1);
      const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireRunLock>>>).value;
      expect(lockOf(run)).toEqual(winner.record);
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(RunLockedError);
      expect(readdirSync(run)).toEqual([RUN_LOCK_FILE]);
      await winner.release();
    }
  });
});

const racer = fileURLToPath(new URL('./support/lock-racer.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

/** A lock-racer child and the JSON lines it answers with, in order. */
function startRacer(): { child: ChildProcessWithoutNullStreams; next: () => Promise<Record<string, unknown>> } {
  const child = spawn(process.execPath, ['--import', tsxLoader, racer], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const take = (line: string) => resolve(JSON.parse(line) as Record<string, unknown>);
      const line = lines.shift();
      if (line !== undefined) take(line);
      else {
        waiting.push(take);
        child.once('exit', () => reject(new Error(`the racer exited: ${stderr}`)));
      }
    });
  return { child, next };
}

describe('two processes racing for one stale lock', () => {
  const racers: ReturnType<typeof startRacer>[] = [];
  afterAll(() => {
    for (const { child } of racers) child.stdin.end('exit\n');
  });

  it('end with exactly one writer, the other refused naming it, round after round', async () => {
    racers.push(startRacer(), startRacer());
    const pids = await Promise.all(racers.map(async ({ next }) => (await next()).ready as number));
    for (let round = 0; round < 12; round++) {
      const run = folder();
      await acquireRunLock(run, { writer: { pid: dead, host, command: 'generate' }, clock });
      // Both asked in the same tick: they read the same stale lock and race to replace it.
      for (const { child } of racers) child.stdin.write(`take ${run}\n`);
      const answers = await Promise.all(racers.map(({ next }) => next()));
      const winners = answers.filter((answer) => answer.ok === true);
      expect(winners, JSON.stringify(answers)).toHaveLength(1);
      const winnerPid = pids[answers.indexOf(winners[0]!)]!;
      expect(winners[0]!.takeover).toMatchObject({ reason: 'stale', previous: { pid: dead } });
      const loser = answers.find((answer) => answer.ok === false)!;
      expect(loser).toMatchObject({ name: 'RunLockedError', message: `run ${run} is being written by pid ${winnerPid} on host ${host} since 2026-01-02T03:04:05.000Z; if that process is gone, run with --break-lock` });
      expect(lockOf(run).pid).toBe(winnerPid);
      expect(readdirSync(run)).toEqual([RUN_LOCK_FILE]);
      const winner = racers[answers.indexOf(winners[0]!)]!;
      winner.child.stdin.write(`release ${run}\n`);
      expect(await winner.next()).toEqual({ released: run });
      expect(readdirSync(run)).toEqual([]);
    }
  });
});
