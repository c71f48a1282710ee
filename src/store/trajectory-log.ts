import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { findSyntaxError, InterplayError, InvalidDataError } from '../domain-kit/index.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import { withPath } from './atomic-file.ts';
import { readFileLines, type FileLine } from './line-reader.ts';
import { parseTrajectory } from './parse-trajectory.ts';
import { claimWriter } from './single-writer.ts';

/** The append-only log of a run folder: one trajectory per line, in the order they finished. */
export const TRAJECTORY_LOG_FILE = 'trajectories.jsonl';

/**
 * The last line of a log that a crash cut short: no newline after it, or not JSON at all. It is
 * ignored when reading and cut off before the next append.
 */
export interface TornTail {
  /** 1-based line number. */
  line: number;
  /** Byte offset where the torn line starts (the log's length once it is cut off). */
  offset: number;
  bytes: number;
  reason: 'unterminated' | 'unparseable';
}

export interface TrajectoryLogContents {
  trajectories: Trajectory[];
  tornTail: TornTail | undefined;
}

export interface IterateTrajectoryLogOptions {
  /** Called once, after the last trajectory, when the log ends in a torn line. */
  onTornTail?: (tail: TornTail) => void;
}

const NEWLINE = 0x0a;

async function checkLogExists(file: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (error) {
    throw new InvalidDataError(`cannot read the trajectory log (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file);
  }
  if (!isFile) throw new InvalidDataError('the trajectory log is not a file', file);
}

function tornTailOf(line: FileLine, reason: TornTail['reason']): TornTail {
  return { line: line.number, offset: line.offset, bytes: line.bytes, reason };
}

/**
 * Streams the trajectories of a log, each zod-parsed. A torn last line is skipped and reported
 * through `onTornTail`; a bad line anywhere else is an `InvalidDataError` naming the line and field.
 */
export async function* iterateTrajectoryLog(file: string, options: IterateTrajectoryLogOptions = {}): AsyncGenerator<Trajectory> {
  await checkLogExists(file);
  // A line that is not JSON is torn only if it is the last one: hold it until the next line shows up.
  let unparseable: { line: FileLine; problem: string } | undefined;
  for await (const line of readFileLines(file)) {
    if (unparseable) throw new InvalidDataError(`line ${unparseable.line.number} is not valid JSON (${unparseable.problem})`, file);
    if (!line.terminated) {
      options.onTornTail?.(tornTailOf(line, 'unterminated'));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch (error) {
      const syntax = findSyntaxError(line.text);
      unparseable = { line, problem: syntax ? `unexpected ${syntax.found} at column ${syntax.offset + 1}` : (error as Error).message };
      continue;
    }
    yield parseTrajectory(raw, file, `line ${line.number} is not a valid trajectory`);
  }
  if (unparseable) options.onTornTail?.(tornTailOf(unparseable.line, 'unparseable'));
}

/** Trajectories a log holds more than once (two writers on one run folder): how many copies, and which ids. */
export interface DuplicateTrajectories {
  /** Copies skipped (a trajectory logged three times counts 2). */
  count: number;
  /** The first few distinct ids that were duplicated, in log order. */
  ids: string[];
  /** Distinct ids that were duplicated. */
  distinctIds: number;
}

export interface IterateUniqueTrajectoriesOptions extends IterateTrajectoryLogOptions {
  /** Called once, after the last trajectory, when the log held duplicates. */
  onDuplicates?: (duplicates: DuplicateTrajectories) => void;
}

/** Duplicated ids named one by one in `describeDuplicates` (the count is always given). */
const LISTED_DUPLICATE_IDS = 5;

/**
 * Streams a log's trajectories, each id once: the first occurrence is kept and later copies are skipped
 * and reported through `onDuplicates` (a log two writers corrupted). Memory grows with the ids only (a Set),
 * never with the trajectories.
 */
export async function* iterateUniqueTrajectories(file: string, options: IterateUniqueTrajectoriesOptions = {}): AsyncGenerator<Trajectory> {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  const duplicates: DuplicateTrajectories = { count: 0, ids: [], distinctIds: 0 };
  for await (const trajectory of iterateTrajectoryLog(file, options)) {
    if (!seen.has(trajectory.id)) {
      seen.add(trajectory.id);
      yield trajectory;
      continue;
    }
    duplicates.count += 1;
    if (duplicated.has(trajectory.id)) continue;
    duplicated.add(trajectory.id);
    duplicates.distinctIds += 1;
    if (duplicates.ids.length < LISTED_DUPLICATE_IDS) duplicates.ids.push(trajectory.id);
  }
  if (duplicates.count > 0) options.onDuplicates?.(duplicates);
}

/** The one line a reader prints about duplicates: "N duplicate trajectories in <log> (ids …): kept the first of each". */
export function describeDuplicates(file: string, duplicates: Readonly<Pick<DuplicateTrajectories, 'count' | 'distinctIds'>> & { ids: readonly string[] }): string {
  const more = duplicates.distinctIds > duplicates.ids.length ? `, … ${duplicates.distinctIds - duplicates.ids.length} more` : '';
  const noun = duplicates.count === 1 ? 'trajectory' : 'trajectories';
  return `${duplicates.count} duplicate ${noun} in ${file} (ids ${duplicates.ids.join(', ')}${more}): kept the first of each`;
}

/** Reads a whole log (streamed line by line): its trajectories and the torn tail it ended in, if any. */
export async function readTrajectoryLog(file: string): Promise<TrajectoryLogContents> {
  const trajectories: Trajectory[] = [];
  let tornTail: TornTail | undefined;
  for await (const trajectory of iterateTrajectoryLog(file, { onTornTail: (tail) => (tornTail = tail) })) trajectories.push(trajectory);
  return { trajectories, tornTail };
}

async function readBytes(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** The offset of the last newline before `end`, or -1; reads backwards one block at a time. */
async function lastNewlineBefore(handle: FileHandle, end: number): Promise<number> {
  const blockSize = 64 * 1024;
  for (let blockEnd = end; blockEnd > 0; ) {
    const blockStart = Math.max(0, blockEnd - blockSize);
    const found = (await readBytes(handle, blockStart, blockEnd - blockStart)).lastIndexOf(NEWLINE);
    if (found !== -1) return blockStart + found;
    blockEnd = blockStart;
  }
  return -1;
}

async function countNewlines(file: string, end: number): Promise<number> {
  if (end === 0) return 0;
  let count = 0;
  for await (const chunk of createReadStream(file, { start: 0, end: end - 1 }) as AsyncIterable<Buffer>) {
    for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, index + 1)) count += 1;
  }
  return count;
}

/** Finds a torn last line by reading only the end of the file. */
async function findTornTail(file: string, handle: FileHandle): Promise<TornTail | undefined> {
  const { size } = await handle.stat();
  if (size === 0) return undefined;
  const terminated = (await readBytes(handle, size - 1, 1))[0] === NEWLINE;
  const contentEnd = terminated ? size - 1 : size;
  const offset = (await lastNewlineBefore(handle, contentEnd)) + 1;
  let reason: TornTail['reason'] | undefined = terminated ? undefined : 'unterminated';
  if (terminated) {
    try {
      JSON.parse((await readBytes(handle, offset, contentEnd - offset)).toString('utf8'));
    } catch {
      reason = 'unparseable';
    }
  }
  if (!reason) return undefined;
  return { line: (await countNewlines(file, offset)) + 1, offset, bytes: size - offset, reason };
}

/**
 * The only writer of a log. Opening it cuts off a torn tail left by a crash, so new lines are never
 * glued to garbage. Appends are group-committed: the lines waiting while a write is in flight go out
 * together in one write and one fsync, in call order, and each append resolves once its line is synced.
 */
export class TrajectoryLogWriter {
  #waiting: { line: Buffer; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;
  #writes = 0;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly release: () => void,
    /** The torn tail cut off when the log was opened, if there was one. */
    readonly repairedTail: TornTail | undefined,
    private readonly midAppend: ((count: number) => void) | undefined,
  ) {}

  /**
   * Opens (creating if needed) the log for appending; one writer per file in this process. `midAppend`
   * is a test hook: each write then puts half its bytes on disk and calls it (numbered from 1) before
   * the rest, so a kill-point test can stop the writer with a torn last line.
   */
  static async open(file: string, hooks: { midAppend?: (count: number) => void } = {}): Promise<TrajectoryLogWriter> {
    const release = claimWriter(file);
    let handle: FileHandle | undefined;
    try {
      handle = await open(file, 'a+');
      const tornTail = await findTornTail(file, handle);
      if (tornTail) {
        await handle.truncate(tornTail.offset);
        await handle.sync();
      }
      return new TrajectoryLogWriter(file, handle, release, tornTail, hooks.midAppend);
    } catch (error) {
      await handle?.close();
      release();
      throw error;
    }
  }

  /** Validates the trajectory, then appends it as one line and fsyncs. Appends land in call order. */
  append(trajectory: Trajectory): Promise<void> {
    if (this.#closed) return Promise.reject(new InterplayError(`${this.file}: the trajectory log is closed`));
    let line: Buffer;
    try {
      line = Buffer.from(`${JSON.stringify(parseTrajectory(trajectory, this.file, 'refusing to log an invalid trajectory'))}\n`, 'utf8');
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ line, resolve, reject });
      this.#flushing ??= this.flush();
    });
  }

  /** Writes what is waiting, batch after batch, until nothing is. */
  private async flush(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      try {
        await this.writeLines(Buffer.concat(batch.map((entry) => entry.line)));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(withPath(error, this.file));
      }
    }
    this.#flushing = undefined;
  }

  private async writeLines(lines: Buffer): Promise<void> {
    let written = 0;
    if (this.midAppend) {
      written = (await this.handle.write(lines, 0, Math.ceil(lines.length / 2))).bytesWritten;
      await this.handle.sync();
      this.#writes += 1;
      this.midAppend(this.#writes);
    }
    // One write call for the whole batch; the loop only matters if the OS reports a short write.
    for (; written < lines.length; ) {
      const { bytesWritten } = await this.handle.write(lines, written, lines.length - written);
      written += bytesWritten;
    }
    await this.handle.sync();
  }

  /** Waits for pending appends, closes the file and gives up the writer claim. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      while (this.#flushing) await this.#flushing;
      await this.handle.close();
    } finally {
      this.release();
    }
  }
}
