import type { Blueprint } from '../blueprints/blueprint.ts';
import { trajectoryId } from '../rollout/run-rollout.ts';

/** One unit of work: a blueprint's attempt. Its id and seed depend only on the run seed, the blueprint and the attempt. */
export interface RolloutJob {
  id: string;
  blueprint: Blueprint;
  attempt: number;
  seed: number;
}

/** A 31-bit FNV-1a hash of text: stable across machines and runs. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}

/** Every (blueprint, attempt) of a run, in blueprint order then attempt order. */
export function planJobs(blueprints: readonly Blueprint[], trials: number, runSeed: number): RolloutJob[] {
  return blueprints.flatMap((blueprint) =>
    Array.from({ length: trials }, (_, attempt) => ({
      id: trajectoryId(blueprint.id, attempt),
      blueprint,
      attempt,
      seed: stableHash(`${runSeed}:${blueprint.id}:${attempt}`),
    })),
  );
}
