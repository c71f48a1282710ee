import { canonicalJson, type BaseState, type ChangeSet, type Domain, type DomainState } from '../../domain-kit/index.ts';
import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import { replayGold } from './gold-replay.ts';

/** A blueprint's gold final state and its change set relative to the base. Read only: shared by every grading of the blueprint. */
export interface GoldOutcome {
  readonly state: DomainState;
  readonly changes: ChangeSet;
}

/** Gold outcomes a base keeps (distinct domains and action lists); past it the oldest is let go and replayed again when asked for. */
const KEPT_PER_BASE = 1024;

const outcomesByBase = new WeakMap<BaseState, Map<string, GoldOutcome>>();

/**
 * `replayGold` and the change set of its state, made once per domain, base and action list: every trial of a
 * blueprint is graded against the same gold, and a batch grades k trials of each. The key is the actions'
 * canonical text, not the array: a blueprint edited in place is replayed again. A gold action that fails
 * throws `GoldActionError` every time it is asked for (nothing is kept).
 */
export function goldOutcome(domain: Domain, base: BaseState, actions: readonly BlueprintAction[], blueprintId?: string): GoldOutcome {
  let outcomes = outcomesByBase.get(base);
  if (outcomes === undefined) outcomesByBase.set(base, (outcomes = new Map()));
  const key = `${domain.name}\n${canonicalJson(actions)}`;
  let outcome = outcomes.get(key);
  if (outcome === undefined) {
    const state = replayGold(domain, base, actions, blueprintId);
    outcome = { state, changes: state.changeSet() };
    if (outcomes.size >= KEPT_PER_BASE) outcomes.delete(outcomes.keys().next().value as string);
    outcomes.set(key, outcome);
  }
  return outcome;
}
