import { resolve } from 'node:path';
import { InterplayError } from '../domain-kit/index.ts';

/** A second writer was asked for a file that already has one in this process. */
export class WriterBusyError extends InterplayError {
  override readonly name = 'WriterBusyError';
  constructor(readonly file: string) {
    super(`${file}: already open for writing (one writer per file)`);
  }
}

const claimed = new Set<string>();

/**
 * Claims the right to write `file` for this process and returns the function that gives it back.
 * lowdb and the append-only log both lose data with two writers, so a second claim throws.
 */
export function claimWriter(file: string): () => void {
  const key = resolve(file);
  if (claimed.has(key)) throw new WriterBusyError(key);
  claimed.add(key);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    claimed.delete(key);
  };
}
