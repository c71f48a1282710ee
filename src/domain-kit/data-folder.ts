import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainData, RecordTypes } from './base-state.ts';
import { InvalidDataError } from './errors.ts';
import { JsonFileError, readJsonFile } from './json-text.ts';

/**
 * What one collection file may hold at most. tau-bench's largest (airline reservations) is 2.3 MB;
 * records nest a few levels (a reservation's flights, an order's items and their options).
 */
export const DATA_FILE_LIMITS = { maxBytes: 500_000_000, maxDepth: 32 } as const;

/** The file that holds one collection in a data folder: `<collection>.json`, as tau-bench lays it out. */
export const collectionFile = (folder: string, collection: string) => join(folder, `${collection}.json`);

/**
 * Reads `<collection>.json` for each collection of a data folder (ours or tau-bench's). A missing
 * or unparseable file is an `InvalidDataError` naming that file.
 */
export function readDataFolder(folder: string, collections: readonly string[]): Record<string, unknown> {
  if (!existsSync(folder)) throw new InvalidDataError('no such data folder', folder);
  const data: Record<string, unknown> = {};
  for (const collection of collections) {
    const file = collectionFile(folder, collection);
    if (!existsSync(file)) throw new InvalidDataError(`missing ${collection}.json (a data folder holds ${collections.map((name) => `${name}.json`).join(', ')})`, folder);
    try {
      data[collection] = readJsonFile(file, { what: 'a data file', ...DATA_FILE_LIMITS });
    } catch (error) {
      throw error instanceof JsonFileError ? error : new InvalidDataError(`cannot read it (${(error as Error).message})`, file);
    }
  }
  return data;
}

/** Serialises one collection the way the shipped data files are written (stable, one space indent). */
export const formatCollection = (records: unknown) => `${JSON.stringify(records, null, 1)}\n`;

/**
 * Writes every collection to `<folder>/<collection>.json`. Each file is written to a temporary name
 * first and renamed only once all are written, so a failure leaves no half-written folder behind.
 */
export function writeDataFolder<R extends RecordTypes>(folder: string, data: DomainData<R>): string[] {
  mkdirSync(folder, { recursive: true });
  const written: Array<[string, string]> = [];
  try {
    for (const collection of Object.keys(data)) {
      const file = collectionFile(folder, collection);
      const temporary = `${file}.partial`;
      written.push([temporary, file]);
      writeFileSync(temporary, formatCollection(data[collection]));
    }
  } catch (error) {
    // A full disk half-way: no temporary file stays behind, and the old files are untouched.
    for (const [temporary] of written) rmSync(temporary, { force: true });
    const failed = written.at(-1)?.[1];
    if (failed && error instanceof Error && (error as NodeJS.ErrnoException).path === undefined) (error as NodeJS.ErrnoException).path = failed;
    throw error;
  }
  for (const [temporary, file] of written) renameSync(temporary, file);
  return written.map(([, file]) => file);
}
