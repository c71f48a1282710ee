import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One file to write and its whole text. */
export interface FileToWrite {
  file: string;
  text: string;
}

/** Where a file is staged before it is moved into place: beside it, hidden (folder scans skip it). */
const stagingFileOf = (file: string) => join(dirname(file), `.${basename(file)}.staged`);

/**
 * Writes every file or none. Each file is first written whole to a hidden staging file beside its
 * target; only when all of them are staged are they renamed into place (a rename within a folder
 * never leaves half a file). When staging fails (disk full, a read-only folder, a name too long) the
 * staged files are removed, no target is touched, and the error propagates.
 */
export function writeAllOrNothing(files: readonly FileToWrite[]): void {
  const staged: string[] = [];
  try {
    for (const { file, text } of files) {
      mkdirSync(dirname(file), { recursive: true });
      const staging = stagingFileOf(file);
      staged.push(staging);
      writeFileSync(staging, text);
    }
  } catch (error) {
    for (const staging of staged) if (existsSync(staging)) rmSync(staging, { force: true });
    throw error;
  }
  for (const { file } of files) renameSync(stagingFileOf(file), file);
}
