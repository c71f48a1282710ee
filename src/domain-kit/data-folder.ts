import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainData, RecordTypes } from './base-state.ts';
import { InvalidDataError } from './errors.ts';

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
      data[collection] = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new InvalidDataError(`not valid JSON (${(error as Error).message})`, file);
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
  for (const collection of Object.keys(data)) {
    const file = collectionFile(folder, collection);
    const temporary = `${file}.partial`;
    writeFileSync(temporary, formatCollection(data[collection]));
    written.push([temporary, file]);
  }
  for (const [temporary, file] of written) renameSync(temporary, file);
  return written.map(([, file]) => file);
}
