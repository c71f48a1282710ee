import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomically } from './atomic-file.ts';

/**
 * A lowdb adapter for a JSON file that one process writes often (a run manifest): each write goes to a
 * temporary file that is fsynced and renamed over the file, and writes that arrive while one is in flight
 * are coalesced into the next one (the latest data wins), in call order. A failed write rejects its own
 * callers only, with the error naming the file, and the next write starts afresh — unlike steno's
 * writer, whose failure can reject an earlier write that succeeded.
 */
export class AtomicJsonFile<Data> implements Adapter<Data> {
  #waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #latest: Data | undefined;
  #writing = false;

  constructor(readonly file: string) {}

  async read(): Promise<Data | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as Data;
  }

  write(data: Data): Promise<void> {
    this.#latest = structuredClone(data);
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      if (this.#writing) return;
      this.#writing = true;
      // flush never rejects: each batch's failure goes to that batch's callers.
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      try {
        await writeFileAtomically(this.file, [JSON.stringify(this.#latest, null, 2)]);
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.#writing = false;
  }
}
