import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import { blueprintFileName } from '../../blueprints/blueprint-files.ts';
import { workingFolder, writeBlueprintSet } from '../../blueprints/blueprint-output.ts';
import { BlueprintStore } from '../../blueprints/blueprint-store.ts';
import { isUnchangedFromInterplay } from '../../blueprints/written-by-interplay.ts';

/**
 * Where `author` saves. By default the working folder `<blueprints>/<domain>/generated/` (plain files,
 * never read as part of the shipped set); `--out <dir>`: that folder; `--into <store>/<domain>`: the
 * shipped set, through the store (file and index entry).
 */
export interface AuthorSaveTarget {
  /** The folder a blueprint of `domain` is saved in. */
  folderFor(domain: string): string;
  /** How a saved blueprint is named on screen. */
  shortName(blueprint: Pick<Blueprint, 'domain' | 'id'>): string;
  /** The store whose domain folders these are (saves then update its index). */
  store?: string;
}

/** The default: `<blueprints>/<domain>/generated/<id>.json`. */
export const workingFolderTarget = (blueprintsRoot: string): AuthorSaveTarget => ({
  folderFor: (domain) => workingFolder(blueprintsRoot, domain),
  shortName: (blueprint) => `${blueprint.domain}/generated/${blueprintFileName(blueprint)}`,
});

/** `--out <dir>`: `<dir>/<id>.json`, whatever the domain. */
export const plainFolderTarget = (folder: string): AuthorSaveTarget => ({
  folderFor: () => resolve(folder),
  shortName: (blueprint) => `${basename(resolve(folder))}/${blueprintFileName(blueprint)}`,
});

/** `--into`: the store's shipped set, `<store>/<domain>/<id>.json`, with its index. */
export const storeTarget = (store: string): AuthorSaveTarget => ({
  folderFor: (domain) => join(resolve(store), domain),
  shortName: (blueprint) => `${blueprint.domain}/${blueprintFileName(blueprint)}`,
  store: resolve(store),
});

/** Where a blueprint is saved. */
export const authoredBlueprintFile = (target: AuthorSaveTarget, blueprint: Pick<Blueprint, 'domain' | 'id'>): string =>
  join(target.folderFor(blueprint.domain), blueprintFileName(blueprint));

/**
 * What saving would do to a file already there: `none` (no file, or the very file being edited: the
 * author opened it to change it), `replaceable` (a file interplay wrote and nobody edited since: ask
 * first), or `protected` (written or edited by hand: never replaced).
 */
export function saveConflict(target: AuthorSaveTarget, blueprint: Pick<Blueprint, 'domain' | 'id'>, editedFile: string | undefined): 'none' | 'replaceable' | 'protected' {
  const file = authoredBlueprintFile(target, blueprint);
  if (!existsSync(file) || (editedFile !== undefined && resolve(editedFile) === file)) return 'none';
  return isUnchangedFromInterplay(file) ? 'replaceable' : 'protected';
}

/** Saves (all or nothing, recorded as written by interplay), through the store with `--into`, holding it only while writing. */
export async function saveAuthoredBlueprint(target: AuthorSaveTarget, blueprint: Blueprint, clock: { now(): Date }): Promise<string> {
  if (!target.store) return writeBlueprintSet(target.folderFor(blueprint.domain), [blueprint])[0] as string;
  const store = await BlueprintStore.open(target.store, clock);
  try {
    return await store.save(blueprint);
  } finally {
    store.close();
  }
}
