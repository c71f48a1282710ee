import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import { blueprintFileName } from '../../blueprints/blueprint-files.ts';
import { BlueprintStore } from '../../blueprints/blueprint-store.ts';

/** Where a blueprint is saved under a blueprints folder: `<folder>/<domain>/<id>.json`. */
export const authoredBlueprintFile = (folder: string, blueprint: Pick<Blueprint, 'domain' | 'id'>): string => join(resolve(folder), blueprint.domain, blueprintFileName(blueprint));

/** Whether saving would replace a file other than the one being edited. */
export function wouldOverwrite(folder: string, blueprint: Pick<Blueprint, 'domain' | 'id'>, editedFile: string | undefined): boolean {
  const file = authoredBlueprintFile(folder, blueprint);
  return existsSync(file) && (editedFile === undefined || resolve(editedFile) !== file);
}

/** Saves through the blueprint store (its file and its index entry), holding the store only while writing. */
export async function saveAuthoredBlueprint(folder: string, blueprint: Blueprint, clock: { now(): Date }): Promise<string> {
  const store = await BlueprintStore.open(folder, clock);
  try {
    return await store.save(blueprint);
  } finally {
    store.close();
  }
}
