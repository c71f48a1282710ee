import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { parseTrajectory } from '../../store/index.ts';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1024 * 1024;
/** Lines the trajectory log writer makes start with the schema version and the id: read without parsing the line. */
const LEADING_ID = /^\{"schemaVersion":\d+,"id":("(?:[^"\\]|\\.)*")/;

/**
 * The trajectories of a run's trajectories.jsonl, read one at a time by id: what a viewer shows when someone
 * opens a finished rollout that the event log only references. It keeps where each id's first line starts
 * (never the trajectories), extends that index when asked for an id it has not seen, and reads only that line.
 * Read-only, synchronous (a detail pane is drawn synchronously), and never holds a partial last line.
 */
export class StoredTrajectories {
  readonly #lines = new Map<string, { offset: number; bytes: number }>();
  /** Bytes of the log indexed so far: always the end of a complete line. */
  #indexed = 0;

  constructor(readonly file: string) {}

  /** The trajectory with this id (its first copy), or undefined when the log does not hold it (yet). */
  find(id: string): Trajectory | undefined {
    if (!this.#lines.has(id)) this.#catchUp();
    const line = this.#lines.get(id);
    if (!line || !existsSync(this.file)) return undefined;
    const handle = openSync(this.file, 'r');
    try {
      const buffer = Buffer.alloc(line.bytes);
      readSync(handle, buffer, 0, line.bytes, line.offset);
      return parseTrajectory(JSON.parse(buffer.toString('utf8')), this.file, `the line at byte ${line.offset} is not a valid trajectory`);
    } catch {
      return undefined;
    } finally {
      closeSync(handle);
    }
  }

  /** Indexes the lines appended since the last look. */
  #catchUp(): void {
    if (!existsSync(this.file)) return;
    const handle = openSync(this.file, 'r');
    try {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      let carry: Buffer[] = [];
      let carryBytes = 0;
      let position = this.#indexed;
      for (;;) {
        const read = readSync(handle, chunk, 0, CHUNK_BYTES, position);
        if (read === 0) break;
        position += read;
        let start = 0;
        for (let end = chunk.indexOf(NEWLINE, 0); end !== -1 && end < read; end = chunk.indexOf(NEWLINE, start)) {
          const line = carryBytes > 0 ? Buffer.concat([...carry, chunk.subarray(start, end)]) : chunk.subarray(start, end);
          this.#index(line, this.#indexed);
          this.#indexed += line.length + 1;
          carry = [];
          carryBytes = 0;
          start = end + 1;
        }
        if (start < read) {
          carry.push(Buffer.from(chunk.subarray(start, read)));
          carryBytes += read - start;
        }
      }
    } finally {
      closeSync(handle);
    }
  }

  #index(line: Buffer, offset: number): void {
    const text = line.toString('utf8', 0, Math.min(line.length, 512));
    let id: unknown;
    try {
      const leading = LEADING_ID.exec(text);
      id = leading ? JSON.parse(leading[1] as string) : (JSON.parse(line.toString('utf8')) as { id?: unknown }).id;
    } catch {
      return;
    }
    if (typeof id === 'string' && !this.#lines.has(id)) this.#lines.set(id, { offset, bytes: line.length });
  }
}
