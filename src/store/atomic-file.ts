import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file from text chunks so readers only ever see the old file or the whole new one: the
 * chunks go to a temporary file beside it, which is fsynced and then renamed over the target.
 */
export async function writeFileAtomically(file: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temporary, 'w').catch((error: unknown) => {
    throw withPath(error, file, true);
  });
  try {
    try {
      // writeFile on a handle continues from the current position and finishes short writes itself.
      for await (const chunk of chunks) await handle.writeFile(chunk, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw withPath(error, file, true);
  }
}

/**
 * A write error on an open file (ENOSPC, EIO) carries no path; the file it was for is set on it, so
 * the one line the user reads names the file. `replace`: the error names a file the user never
 * named (the temporary one), so the target replaces it.
 */
export function withPath(error: unknown, file: string, replace = false): unknown {
  const systemError = error as NodeJS.ErrnoException | null;
  if (systemError instanceof Error && typeof systemError.code === 'string' && (replace || systemError.path === undefined)) systemError.path = file;
  return error;
}
