import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file from text chunks so readers only ever see the old file or the whole new one: the
 * chunks go to a temporary file beside it, which is fsynced and then renamed over the target.
 */
export async function writeFileAtomically(file: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temporary, 'w');
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
    throw error;
  }
}
