import { InvalidDataError, JsonFileError, readJsonFile } from '../domain-kit/index.ts';

/** What is read, how it is named in errors, and the limits checked before it is parsed. */
export interface JsonArrayFile {
  name: string;
  shape: string;
  maxBytes: number;
  maxDepth: number;
}

/**
 * The rows of a JSON file that holds one array (a tau-bench task or results file), read within limits
 * (size before reading, nesting before parsing). A file that cannot be read, is not JSON, is over a limit,
 * or holds something else is an `InvalidDataError` naming the file (syntax errors by line and column).
 */
export function readJsonArray(file: string, what: JsonArrayFile): unknown[] {
  let raw: unknown;
  try {
    raw = readJsonFile(file, { what: `a ${what.name}`, maxBytes: what.maxBytes, maxDepth: what.maxDepth });
  } catch (error) {
    throw new InvalidDataError(`cannot read the ${what.name} (${error instanceof JsonFileError ? error.problem : (error as Error).message})`, file);
  }
  if (!Array.isArray(raw)) throw new InvalidDataError(`a ${what.name} is ${what.shape}`, file);
  return raw;
}
