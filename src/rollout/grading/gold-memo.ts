import { canonicalJson, type BaseState, type ChangeSet, type Domain, type DomainState } from '../../domain-kit/index.ts';
import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import { replayGold } from './gold-replay.ts';

/** A blueprint's gold final state and its change set relative to the base. Read only: shared by every grading of the blueprint. */
export interface GoldOutcome {
  readonly state: DomainState;
  readonly changes: ChangeSet;
}

/** Gold outcomes kept per domain and base (distinct action lists); past it the oldest is let go and replayed again when asked for. */
const KEPT_PER_BASE = 1024;

/** By domain object (its tools make the gold), then base, then the actions' canonical text. */
const outcomesByDomain = new WeakMap<Domain, WeakMap<BaseState, Map<string, GoldOutcome>>>();

/**
 * `replayGold` and the change set of its state, made once per domain, base and action list: every trial of a
 * blueprint is graded against the same gold, and a batch grades k trials of each. The key is the actions'
 * canonical text, not the array: a blueprint edited in place is replayed again. A gold action that fails
 * throws `GoldActionError` every time it is asked for (nothing is kept).
 */
export function goldOutcome(domain: Domain, base: BaseState, actions: readonly BlueprintAction[], blueprintId?: string): GoldOutcome {
  let byBase = outcomesByDomain.get(domain);
  if (byBase === undefined) outcomesByDomain.set(domain, (byBase = new WeakMap()));
  let outcomes = byBase.get(base);
  if (outcomes === undefined) byBase.set(base, (outcomes = new Map()));
  const key = canonicalJson(actions);
  let outcome = outcomes.get(key);
  if (outcome === undefined) {
    const state = replayGold(domain, base, actions, blueprintId);
    outcome = { state, changes: state.changeSet() };
    if (outcomes.size >= KEPT_PER_BASE) outcomes.delete(outcomes.keys().next().value as string);
    outcomes.set(key, outcome);
  }
  return outcome;
}
