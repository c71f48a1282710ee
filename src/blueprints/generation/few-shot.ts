import { existsSync } from 'node:fs';
import { readBlueprints } from '../blueprint-files.ts';
import type { Blueprint, BlueprintAction } from '../blueprint.ts';

/** A validated blueprint shown to the generator as an example. */
export interface FewShotExample {
  id: string;
  instruction: string;
  actions: BlueprintAction[];
  outputs: string[];
}

export const isAccepted = (blueprint: Pick<Blueprint, 'status'>) => blueprint.status === 'validated' || blueprint.status === 'approved';

/**
 * The accepted blueprints of a domain in one or more folders (a folder that does not exist holds none;
 * an id met twice is taken from the first folder that has it).
 */
export function readFewShotPool(folders: string | readonly string[], domain: string): Blueprint[] {
  const pool = new Map<string, Blueprint>();
  for (const folder of typeof folders === 'string' ? [folders] : folders) {
    if (!existsSync(folder)) continue;
    for (const blueprint of readBlueprints([folder])) {
      if (blueprint.domain === domain && isAccepted(blueprint) && !pool.has(blueprint.id)) pool.set(blueprint.id, blueprint);
    }
  }
  return [...pool.values()];
}

/**
 * Up to `count` examples from the pool, seeded: those that use one of the walk's write tools first,
 * then the others. Only accepted blueprints of the domain are ever shown.
 */
export function pickFewShot(pool: readonly Blueprint[], domain: string, writeTools: readonly string[], random: () => number, count = 2): FewShotExample[] {
  const eligible = pool.filter((blueprint) => blueprint.domain === domain && isAccepted(blueprint));
  const shuffled = shuffle(eligible, random);
  const relevant = shuffled.filter((blueprint) => blueprint.actions.some((action) => writeTools.includes(action.name)));
  const others = shuffled.filter((blueprint) => !relevant.includes(blueprint));
  return [...relevant, ...others].slice(0, count).map(({ id, instruction, actions, outputs }) => ({ id, instruction, actions, outputs }));
}

/** A seeded Fisher-Yates shuffle (a new array). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
