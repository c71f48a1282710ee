import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Blueprint } from './blueprint.ts';
import { blueprintFileName, formatBlueprint, WORKING_FOLDER_NAME } from './blueprint-files.ts';
import { writeAllOrNothing, type FileToWrite } from './write-all-or-nothing.ts';
import { isUnchangedFromInterplay, writtenRecordUpdate } from './written-by-interplay.ts';

/**
 * Where generated and authored blueprints of a domain go unless told otherwise: the working folder
 * `<blueprints>/<domain>/generated/`, beside the shipped set (`<blueprints>/<domain>/*.json`) but never
 * read as part of it.
 */
export const workingFolder = (blueprintsRoot: string, domain: string): string => join(resolve(blueprintsRoot), domain, WORKING_FOLDER_NAME);

/**
 * Why some of `files` may not be written, one line per file (none: all may be). A file that does not
 * exist yet may always be written. An existing one only with `force`, and even then only when interplay
 * wrote it and nobody changed it since (see written-by-interplay.ts): hand-written and hand-edited
 * blueprints are never overwritten.
 */
export function overwriteProblems(files: readonly string[], force: boolean): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    if (!force) problems.push(`${file} exists: pass --force to replace it (only a file interplay wrote and nobody edited since is replaced), or write elsewhere with --out`);
    else if (!isUnchangedFromInterplay(file)) problems.push(`${file} exists and interplay did not write it (or it was edited since): it is never replaced; write elsewhere with --out`);
  }
  return problems;
}

/** The files that writing `blueprints` into `folder` would write (`<folder>/<id>.json`). */
export const blueprintFilesIn = (folder: string, blueprints: readonly Pick<Blueprint, 'id'>[]): string[] => blueprints.map((blueprint) => join(resolve(folder), blueprintFileName(blueprint)));

/**
 * Writes blueprints as `<folder>/<id>.json`, all or nothing, and records them as written by interplay.
 * The caller decides first what may be overwritten (`overwriteProblems`). Returns the files written.
 */
export function writeBlueprintSet(folder: string, blueprints: readonly Blueprint[]): string[] {
  if (blueprints.length === 0) return [];
  const files: FileToWrite[] = blueprints.map((blueprint) => ({ file: join(resolve(folder), blueprintFileName(blueprint)), text: formatBlueprint(blueprint) }));
  writeAllOrNothing([...files, writtenRecordUpdate(resolve(folder), files)]);
  return files.map((entry) => entry.file);
}
