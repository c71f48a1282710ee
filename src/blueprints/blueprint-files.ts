import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidDataError, JsonFileError, readJsonFile } from '../domain-kit/index.ts';
import { BLUEPRINT_LIMITS, blueprintSchema, type Blueprint } from './blueprint.ts';

/** Parses one blueprint (already-decoded JSON); problems are named by their path. */
export function parseBlueprint(raw: unknown, source: string): Blueprint {
  const parsed = blueprintSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(blueprint)'}: ${issue.message}`);
    throw new InvalidDataError('not a valid blueprint', source, issues);
  }
  return parsed.data;
}

/** Reads one blueprint file: its size and nesting are checked against BLUEPRINT_LIMITS before it is parsed. */
export function readBlueprintFile(file: string): Blueprint {
  let raw: unknown;
  try {
    raw = readJsonFile(file, { what: 'a blueprint file', maxBytes: BLUEPRINT_LIMITS.fileBytes, maxDepth: BLUEPRINT_LIMITS.depth });
  } catch (error) {
    throw new InvalidDataError(`cannot read a blueprint (${error instanceof JsonFileError ? error.problem : (error as Error).message})`, file);
  }
  return parseBlueprint(raw, file);
}

/** The blueprint store's index (`blueprints/index.json`): never a blueprint, so folder scans skip it. */
export const BLUEPRINT_INDEX_FILE = 'index.json';

/**
 * The working folder generated and authored blueprints go to by default (`blueprints/<domain>/generated/`).
 * A folder scan never descends into one: the shipped set read as `blueprints/retail` stays the shipped
 * set. Name the working folder itself to read it.
 */
export const WORKING_FOLDER_NAME = 'generated';

/** Entries a folder scan leaves out: hidden files and folders (interplay's own records among them) and working folders. */
const skippedInScan = (entry: string, isDirectory: boolean) => entry.startsWith('.') || (isDirectory && entry === WORKING_FOLDER_NAME);

/**
 * Every `*.json` file under the given files and folders (folders searched recursively), sorted. A
 * folder's `index.json` is the store's index, not a blueprint, and is skipped; so are hidden entries
 * and `generated/` working folders below a folder named (a file or folder named explicitly is kept).
 */
export function listBlueprintFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (path: string) => {
    if (!existsSync(path)) throw new InvalidDataError('no such file or folder', path);
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        const child = join(path, entry);
        const isDirectory = statSync(child).isDirectory();
        if (skippedInScan(entry, isDirectory)) continue;
        if (isDirectory || (entry.endsWith('.json') && entry !== BLUEPRINT_INDEX_FILE)) visit(child);
      }
    } else {
      files.push(path);
    }
  };
  paths.forEach(visit);
  return files;
}

/** A blueprint and the file it was read from. */
export interface BlueprintEntry {
  file: string;
  blueprint: Blueprint;
}

/** Reads blueprints, with their files, from files and folders. Every bad file is reported at once, none half-loaded. */
export function readBlueprintEntries(paths: readonly string[]): BlueprintEntry[] {
  const entries: BlueprintEntry[] = [];
  const problems: string[] = [];
  for (const file of listBlueprintFiles(paths)) {
    try {
      entries.push({ file, blueprint: readBlueprintFile(file) });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new InvalidDataError(`${problems.length} blueprint file(s) are not valid`, paths.join(', '), problems);
  return entries;
}

/** Reads blueprints from files and folders. Every bad file is reported at once, none half-loaded. */
export function readBlueprints(paths: readonly string[]): Blueprint[] {
  return readBlueprintEntries(paths).map((entry) => entry.blueprint);
}

/** Throws, naming both files of each clash, when two files hold blueprints with the same id. */
export function assertUniqueIds(entries: readonly BlueprintEntry[], source: string): void {
  const first = new Map<string, string>();
  const problems: string[] = [];
  for (const { file, blueprint } of entries) {
    const earlier = first.get(blueprint.id);
    if (earlier === undefined) first.set(blueprint.id, file);
    else problems.push(`the id "${blueprint.id}" is used by both ${earlier} and ${file}`);
  }
  if (problems.length > 0) throw new InvalidDataError(`${problems.length} blueprint id(s) appear in two files`, source, problems);
}

export const blueprintFileName = (blueprint: Pick<Blueprint, 'id'>) => `${blueprint.id}.json`;
export const formatBlueprint = (blueprint: Blueprint) => `${JSON.stringify(blueprint, null, 2)}\n`;

/** Writes a blueprint as `<folder>/<id>.json` (via a temporary file, so no reader sees half of it). */
export function writeBlueprintFile(folder: string, blueprint: Blueprint): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, blueprintFileName(blueprint));
  writeFileSync(`${file}.partial`, formatBlueprint(blueprint));
  renameSync(`${file}.partial`, file);
  return file;
}
