import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { InvalidDataError } from '../domain-kit/index.ts';

/**
 * The file an import writes into its output folder. `import --force` replaces a folder only when it
 * holds this marker (and nothing the import did not write), so it never deletes anything else.
 */
export const IMPORT_MARKER_FILE = '.interplay-import.json';

const importMarkerSchema = z.object({ schemaVersion: z.literal(1), writtenBy: z.literal('interplay import'), kind: z.string(), domain: z.string(), createdAt: z.iso.datetime() });
export type ImportMarker = z.infer<typeof importMarkerSchema>;

/** Whether `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

export interface OutputFolderGuard {
  /** Paths the import reads, or that must survive it (the data folder, the task file, the working directory). */
  protectedPaths: readonly { path: string; what: string }[];
  /** The entries an import writes at the top of its folder (besides the marker). */
  entries: readonly string[];
  replace: boolean;
}

/**
 * Refuses, before anything is read or written, an output folder that the import must not replace:
 * one that exists without `--force`; one that is, or holds, a path the import reads or the working
 * directory; one without the marker (interplay did not write it); one holding files the import did not write.
 */
export function checkOutputFolder(outFolder: string, guard: OutputFolderGuard): void {
  for (const { path, what } of guard.protectedPaths) {
    if (isWithin(resolve(path), outFolder)) throw new InvalidDataError(`refusing to write here: it is or contains ${what} (${resolve(path)})`, outFolder);
  }
  if (!existsSync(outFolder)) return;
  if (!guard.replace) throw new InvalidDataError('already exists (pass --force to replace it)', outFolder);
  if (!statSync(outFolder).isDirectory()) throw new InvalidDataError('refusing to replace it with --force: it is not a folder', outFolder);
  const marker = join(outFolder, IMPORT_MARKER_FILE);
  if (!existsSync(marker) || !importMarkerSchema.safeParse(readMarker(marker)).success) {
    throw new InvalidDataError(`refusing to replace it with --force: interplay import did not write it (no valid ${IMPORT_MARKER_FILE})`, outFolder);
  }
  const foreign = readdirSync(outFolder).filter((entry) => entry !== IMPORT_MARKER_FILE && !guard.entries.includes(entry));
  if (foreign.length > 0) throw new InvalidDataError(`refusing to replace it with --force: it holds files the import did not write (${foreign.slice(0, 5).join(', ')})`, outFolder);
}

function readMarker(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Writes a folder through a staging folder beside it (a fresh name, never an existing folder): `fill`
 * writes the entries, the marker is added, and only then is the old folder (already checked by
 * `checkOutputFolder`) swapped out and removed. A failure leaves the old folder as it was and no staging behind.
 */
export function writeImportFolder<T>(outFolder: string, marker: Omit<ImportMarker, 'schemaVersion' | 'writtenBy'>, fill: (staging: string) => T): T {
  mkdirSync(dirname(outFolder), { recursive: true });
  const staging = mkdtempSync(join(dirname(outFolder), `.${basename(outFolder)}.importing-`));
  let replaced: string | undefined;
  try {
    const result = fill(staging);
    const content: ImportMarker = { schemaVersion: 1, writtenBy: 'interplay import', ...marker };
    writeFileSync(join(staging, IMPORT_MARKER_FILE), `${JSON.stringify(content, null, 1)}\n`);
    if (existsSync(outFolder)) {
      replaced = `${staging}.replaced`;
      renameSync(outFolder, replaced);
    }
    renameSync(staging, outFolder);
    if (replaced) rmSync(replaced, { recursive: true, force: true });
    return result;
  } catch (error) {
    if (replaced && !existsSync(outFolder)) renameSync(replaced, outFolder);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
