import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { BatchEvent } from './batch-events.ts';
import { BatchEventRecorder } from './recorded-event.ts';

/** The file in a run folder that every BatchEvent is appended to (`interplay watch` follows it). */
export const EVENT_LOG_FILE = 'events.jsonl';

const NEWLINE = 0x0a;

/** Cuts a last line a crash left without its newline, so the next event starts on a line of its own. Returns the bytes cut. */
async function cutTornLine(file: string): Promise<number> {
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    const block = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - block.length);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const newline = block.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (newline !== -1) {
        const keep = start + newline + 1;
        if (keep < size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    if (size > 0) await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}

/**
 * Bytes of events that may wait for the disk. Past it a rollout's messages are left out of the log (counted in
 * `droppedEvents`) until the disk catches up: the log is a view, and a slow disk must not grow memory without
 * bound. Job starts, ends, failures, progress and phases are always kept.
 */
export const MAX_PENDING_EVENT_BYTES = 8 * 1024 * 1024;

/**
 * The append-only event log of a run: one line per event, in the compact form `BatchEventRecorder` makes (a job's
 * end references its trajectory by id; messages are clipped). Buffered, never synced per event (events are a
 * view of the run, not its record — the trajectory log is): the events of one tick of the event loop go out in
 * one write. Opening it after a crash cuts a torn last line first.
 */
export class BatchEventLog {
  #failure: Error | undefined;
  #corked = false;
  readonly #recorder = new BatchEventRecorder();
  /** Rollout events left out because the disk fell behind (see MAX_PENDING_EVENT_BYTES). */
  droppedEvents = 0;

  private constructor(
    readonly file: string,
    private readonly stream: WriteStream,
    /** Bytes of a torn last line cut off when it was opened. */
    readonly repairedBytes: number,
  ) {
    stream.on('error', (error) => (this.#failure ??= error));
  }

  static async open(file: string): Promise<BatchEventLog> {
    const repaired = await cutTornLine(file);
    return new BatchEventLog(file, createWriteStream(file, { flags: 'a' }), repaired);
  }

  write(event: BatchEvent): void {
    if (this.#failure || this.stream.writableEnded) return;
    const recorded = this.#recorder.record(event);
    if (!recorded) return;
    if ((recorded.type === 'message' || recorded.type === 'rollout') && this.stream.writableLength > MAX_PENDING_EVENT_BYTES) {
      this.droppedEvents += 1;
      return;
    }
    // Corked until the end of this tick: the lines written meanwhile leave in one write.
    if (!this.#corked) {
      this.#corked = true;
      this.stream.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.stream.uncork();
      });
    }
    this.stream.write(`${JSON.stringify(recorded)}\n`);
  }

  /** Flushes and closes; rejects with the first write error, if there was one. */
  async close(): Promise<void> {
    if (!this.stream.writableEnded) await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.#failure) throw this.#failure;
  }
}
