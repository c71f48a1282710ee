import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { InvalidDataError } from '../domain-kit/index.ts';
import { describeIssues } from './problem-path.ts';
import type { FileToWrite } from './write-all-or-nothing.ts';

/**
 * Which files of a folder interplay wrote, and what it wrote: `<folder>/.interplay-written.json` maps a
 * file name to the SHA-256 of the text interplay wrote there. A file may be replaced (with `--force`)
 * only when it is listed AND still holds that text: a file someone wrote or edited by hand is never
 * overwritten. The record is hidden, so folder scans never take it for a blueprint.
 */
export const WRITTEN_RECORD_FILE = '.interplay-written.json';
export const WRITTEN_RECORD_SCHEMA_VERSION = 1;

const writtenRecordSchema = z.object({
  schemaVersion: z.literal(WRITTEN_RECORD_SCHEMA_VERSION),
  /** By file name (no folder): the SHA-256 (hex) of the text interplay wrote. */
  files: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type WrittenRecord = z.infer<typeof writtenRecordSchema>;

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The folder's record of what interplay wrote there (empty when it has none). */
export function readWrittenRecord(folder: string): WrittenRecord {
  const file = join(folder, WRITTEN_RECORD_FILE);
  if (!existsSync(file)) return { schemaVersion: WRITTEN_RECORD_SCHEMA_VERSION, files: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidDataError(`cannot read the record of files interplay wrote (${(error as Error).message}); delete it to protect every file in the folder`, file);
  }
  const parsed = writtenRecordSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError('not a valid record of files interplay wrote; delete it to protect every file in the folder', file, describeIssues(parsed.error.issues, []));
  return parsed.data;
}

/** Whether `file` holds exactly what interplay last wrote there (so replacing it loses nobody's work). */
export function isUnchangedFromInterplay(file: string, record: WrittenRecord = readWrittenRecord(dirname(file))): boolean {
  const entry = record.files[basename(file)];
  return entry !== undefined && existsSync(file) && sha256(readFileSync(file)) === entry.sha256;
}

/**
 * The folder's record with `files` (all in `folder`) added, as one more file to write with them, so
 * the record and the files it lists are written together.
 */
export function writtenRecordUpdate(folder: string, files: readonly FileToWrite[]): FileToWrite {
  const record = readWrittenRecord(folder);
  const updated: WrittenRecord = { schemaVersion: WRITTEN_RECORD_SCHEMA_VERSION, files: { ...record.files } };
  for (const { file, text } of files) updated.files[basename(file)] = { sha256: sha256(text) };
  updated.files = Object.fromEntries(Object.entries(updated.files).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
  return { file: join(folder, WRITTEN_RECORD_FILE), text: `${JSON.stringify(updated, null, 2)}\n` };
}
