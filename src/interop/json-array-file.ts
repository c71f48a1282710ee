import { readFileSync } from 'node:fs';
import { InvalidDataError } from '../domain-kit/index.ts';

/**
 * The rows of a JSON file that holds one array (a tau-bench task or results file). A file that cannot be
 * read, is not JSON, or holds something else is an `InvalidDataError` naming the file.
 */
export function readJsonArray(file: string, what: { name: string; shape: string }): unknown[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidDataError(`cannot read the ${what.name} (${(error as Error).message})`, file);
  }
  if (!Array.isArray(raw)) throw new InvalidDataError(`a ${what.name} is ${what.shape}`, file);
  return raw;
}
