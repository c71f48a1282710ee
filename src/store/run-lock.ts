import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InterplayError, InvalidDataError } from '../domain-kit/index.ts';
import { withPath } from './atomic-file.ts';
import { describeIssues } from './describe-issues.ts';

/** The file in a run folder that names its one writer while it writes. */
export const RUN_LOCK_FILE = 'writer.lock';

/** Held only while a stale or broken lock is being replaced: two processes never replace it at once. */
export const RUN_LOCK_TAKEOVER_FILE = 'writer.lock.takeover';

export const RUN_LOCK_SCHEMA_VERSION = 1;

export const runLockSchema = z.object({
  schemaVersion: z.literal(RUN_LOCK_SCHEMA_VERSION),
  pid: z.number().int().positive(),
  host: z.string().min(1),
  /** From the writer's injected clock. */
  startedAt: z.iso.datetime(),
  /** What the writer runs (`generate`, `generate --resume`, `rollout`, ...): for the user who finds the lock. */
  command: z.string().min(1),
});
export type RunLockRecord = z.infer<typeof runLockSchema>;

/** The process that wants to write a run folder. */
export interface RunWriter {
  pid: number;
  host: string;
  command: string;
}

/** This process as a run writer. The lock is about real processes, so their pid and host are read here. */
export function thisProcessWriter(command: string): RunWriter {
  return { pid: process.pid, host: hostname(), command };
}

/** Whether a process with this pid exists on this host (`kill(pid, 0)`: ESRCH means gone; EPERM means someone else's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export interface RunLockOptions {
  writer: RunWriter;
  clock: { now(): Date };
  /** Take the lock even from a live process or another host (the user says that writer is gone). */
  breakLock?: boolean;
  /** What the refusal tells the user to do next; by default, to run again with --break-lock. */
  refusalHint?: string;
  /** Whether a pid on this host is alive; `kill(pid, 0)` by default. */
  isAlive?: (pid: number) => boolean;
}

/** How a lock was taken from an earlier writer: its pid was dead on this host, or the user broke it. */
export interface RunLockTakeover {
  reason: 'stale' | 'broken';
  /** The lock that was replaced; undefined when it was not a valid lock file (only --break-lock replaces those). */
  previous: RunLockRecord | undefined;
}

const DEFAULT_HINT = 'if that process is gone, run with --break-lock';

/** Another process writes the run folder: the one line the second writer is refused with. */
export class RunLockedError extends InterplayError {
  override readonly name = 'RunLockedError';
  constructor(
    readonly folder: string,
    readonly holder: RunLockRecord,
    hint: string = DEFAULT_HINT,
  ) {
    super(`run ${folder} is being written by pid ${holder.pid} on host ${holder.host} since ${holder.startedAt}; ${hint}`);
  }
}

/** The locks this process holds: a signal handler gives them back before the process exits. */
const held = new Set<RunLock>();

/** Gives back every run lock this process holds, synchronously (for SIGINT/SIGTERM handlers, right before exiting). */
export function releaseHeldRunLocksSync(): void {
  for (const lock of [...held]) lock.releaseSync();
}

/** The right to write one run folder, as a file in it. Release it on every way out. */
export class RunLock {
  #released = false;

  constructor(
    readonly file: string,
    readonly record: RunLockRecord,
    private readonly text: string,
    /** Set when the lock was taken over from a stale or broken one. */
    readonly takeover: RunLockTakeover | undefined,
  ) {
    held.add(this);
  }

  /** Removes the lock file if it is still this writer's (a --break-lock may have taken it since). */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    held.delete(this);
    if ((await readLockText(this.file)) === this.text) await rm(this.file, { force: true });
  }

  releaseSync(): void {
    if (this.#released) return;
    this.#released = true;
    held.delete(this);
    let current: string | undefined;
    try {
      current = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    if (current === this.text) {
      try {
        unlinkSync(this.file);
      } catch {
        // Gone already: nothing to give back.
      }
    }
  }
}

/** The lock file's text, or undefined when there is none. */
async function readLockText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InvalidDataError(`cannot read this run lock (${(error as Error).message})`, file);
  }
}

function parseLock(text: string, file: string): RunLockRecord | InvalidDataError {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return new InvalidDataError(`not a valid run lock (${(error as Error).message}); if no interplay process writes this run, run with --break-lock`, file);
  }
  const parsed = runLockSchema.safeParse(raw);
  if (!parsed.success) return new InvalidDataError('not a valid run lock; if no interplay process writes this run, run with --break-lock', file, describeIssues(parsed.error));
  return parsed.data;
}

/** Creates `target` holding the text of `source` only if it does not exist yet: a hard link is exclusive and atomic. */
async function linkExclusively(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

let temporaries = 0;

/**
 * Takes the run folder's lock before anything else is written to it, or refuses with one line. The lock
 * file is written whole to a temporary file and hard-linked into place, so it appears exclusively and never
 * half-written. A lock whose pid is dead on this host is stale and taken over (so is any lock with
 * `breakLock`); a takeover first creates the takeover file the same exclusive way, then re-reads the lock
 * and replaces it only if it is still the one judged stale, so two processes racing for a stale lock get
 * one winner: the other is refused, naming the winner.
 */
export async function acquireRunLock(folder: string, options: RunLockOptions): Promise<RunLock> {
  const file = join(folder, RUN_LOCK_FILE);
  try {
    return await acquire(folder, file, options);
  } catch (error) {
    // A file system that refused names the lock file, never the temporary files the user did not ask for.
    throw withPath(error, file, true);
  }
}

async function acquire(folder: string, file: string, options: RunLockOptions): Promise<RunLock> {
  const isAlive = options.isAlive ?? isProcessAlive;
  const { writer } = options;
  const record: RunLockRecord = { schemaVersion: RUN_LOCK_SCHEMA_VERSION, pid: writer.pid, host: writer.host, startedAt: options.clock.now().toISOString(), command: writer.command };
  const text = `${JSON.stringify(record)}\n`;
  temporaries += 1;
  const fresh = join(folder, `.${RUN_LOCK_FILE}.${writer.host.replace(/[^A-Za-z0-9.-]/g, '_')}.${writer.pid}.${temporaries}.tmp`);
  await writeFile(fresh, text, { flag: 'wx' });
  try {
    // Each round either takes the lock or sees it change (released, or taken over by someone else) and looks again.
    for (let round = 0; round < 8; round++) {
      if (await linkExclusively(fresh, file)) return new RunLock(file, record, text, undefined);
      const holderText = await readLockText(file);
      if (holderText === undefined) continue;
      const holder = parseLock(holderText, file);
      const self = !(holder instanceof InvalidDataError) && holder.pid === writer.pid && holder.host === writer.host;
      const stale = !(holder instanceof InvalidDataError) && !self && holder.host === writer.host && !isAlive(holder.pid);
      if (!stale && !(options.breakLock && !self)) {
        if (holder instanceof InvalidDataError) throw holder;
        throw new RunLockedError(folder, holder, options.refusalHint);
      }
      if (await takeOver(folder, { file, holderText, fresh }, { ...options, isAlive })) {
        return new RunLock(file, record, text, { reason: stale ? 'stale' : 'broken', previous: holder instanceof InvalidDataError ? undefined : holder });
      }
    }
    throw new InvalidDataError('the run lock keeps changing: another interplay process is starting on this run', file);
  } finally {
    await rm(fresh, { force: true });
  }
}

/**
 * Replaces the lock with `fresh` if it still holds `holderText`, under the takeover file. Returns false when
 * the lock changed meanwhile (the caller looks again); refuses when another process is taking it over.
 */
async function takeOver(folder: string, lock: { file: string; holderText: string; fresh: string }, options: RunLockOptions & { isAlive: (pid: number) => boolean }): Promise<boolean> {
  const guard = join(folder, RUN_LOCK_TAKEOVER_FILE);
  if (!(await linkExclusively(lock.fresh, guard))) {
    const guardText = await readLockText(guard);
    if (guardText === undefined) return false;
    const taker = parseLock(guardText, guard);
    if (options.breakLock) {
      // The user says no one else writes this run: an interrupted takeover is cleared too.
      await rm(guard, { force: true });
      return false;
    }
    if (taker instanceof InvalidDataError) throw taker;
    if (taker.host === options.writer.host && !options.isAlive(taker.pid)) {
      throw new InvalidDataError(`a takeover of this run's lock by pid ${taker.pid} was interrupted; if no interplay process writes ${folder}, run with --break-lock`, guard);
    }
    // The other process is replacing the stale lock right now: it becomes the writer.
    throw new RunLockedError(folder, taker, options.refusalHint);
  }
  try {
    if ((await readLockText(lock.file)) !== lock.holderText) return false;
    // The temporary file and the takeover file are one inode: the rename puts the whole new lock in place at once.
    await rename(lock.fresh, lock.file);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** The one line that says a lock was taken over, and from whom. */
export function describeRunLockTakeover(folder: string, takeover: RunLockTakeover): string {
  const previous = takeover.previous;
  const whose = previous ? `pid ${previous.pid} on host ${previous.host} (${previous.command}, since ${previous.startedAt})` : 'an invalid lock file';
  return takeover.reason === 'stale'
    ? `took over the writer lock of ${folder}: its writer, ${whose}, is gone`
    : `broke the writer lock of ${folder} held by ${whose} (--break-lock)`;
}
