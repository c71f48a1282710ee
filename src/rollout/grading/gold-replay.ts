import { DomainState, InterplayError, type BaseState, type Domain } from '../../domain-kit/index.ts';
import type { BlueprintAction } from '../../blueprints/blueprint.ts';

/**
 * A blueprint's gold action returned an error and is not marked `expectError`: the gold final state
 * would silently skip it, so the blueprint cannot grade anything (validation stage 2 refuses it too).
 */
export class GoldActionError extends InterplayError {
  override readonly name = 'GoldActionError';
  constructor(
    readonly actionIndex: number,
    readonly action: string,
    readonly result: string,
    readonly blueprintId?: string,
  ) {
    super(`${blueprintId ? `blueprint ${blueprintId}: ` : ''}gold actions[${actionIndex}] (${action}) returned an error and is not marked expectError, so the blueprint cannot grade a trajectory: ${result}`);
  }
}

/**
 * The gold final state: the blueprint's actions run in order on a fresh state. An action marked
 * `expectError` that fails changes nothing, as meant; any other failing action throws `GoldActionError`.
 */
export function replayGold(domain: Domain, base: BaseState, actions: readonly BlueprintAction[], blueprintId?: string): DomainState {
  const state = new DomainState(base);
  actions.forEach((action, index) => {
    const result = domain.execute(state, { name: action.name, arguments: action.arguments });
    if (!result.ok && action.expectError !== true) throw new GoldActionError(index, action.name, result.content, blueprintId);
  });
  return state;
}
