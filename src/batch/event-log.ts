import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { BatchEvent } from './batch-events.ts';

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
 * The append-only event log of a run: one BatchEvent per line, buffered (events are a view of the run,
 * not its record — the trajectory log is). Opening it after a crash cuts a torn last line first.
 */
export class BatchEventLog {
  #failure: Error | undefined;

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
    this.stream.write(`${JSON.stringify(event)}\n`);
  }

  /** Flushes and closes; rejects with the first write error, if there was one. */
  async close(): Promise<void> {
    if (!this.stream.writableEnded) await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.#failure) throw this.#failure;
  }
}
