import { identificationCalls } from '../blueprints/generation/identification-call.ts';
import type { BlueprintAction } from '../blueprints/blueprint.ts';
import { canonicalJson, type BaseState, type Domain } from '../domain-kit/index.ts';

/** Whether the instruction gives every argument value of the call (case-insensitive), so the user can say it. */
function instructionGives(instruction: string, call: BlueprintAction): boolean {
  const text = instruction.toLowerCase();
  return Object.values(call.arguments).every((value) => typeof value === 'string' && text.includes(value.toLowerCase()));
}

const sameCall = (left: BlueprintAction | undefined, right: BlueprintAction) =>
  left !== undefined && left.name === right.name && canonicalJson(left.arguments) === canonicalJson(right.arguments);

/**
 * The identification call that a tau-bench task's instruction implies and its gold actions leave out.
 * tau-bench's gold lists the calls that matter for the final state; the identification that both
 * policies ask for first (retail: find the user id by email, or by name and zip code; airline: read the
 * profile of the user id they give) is left to the agent. The call returned here is the one that finds
 * this very user with what the instruction says (its email, or its name and zip code, or its user id),
 * in the domain's tool order. It is read-only, so adding it first changes no final state: tau-bench's
 * expected hashes still hold. None when the gold already starts with such a call, or when the
 * instruction gives nothing that identifies the user (the policy check then says so).
 */
export function impliedIdentificationCall(domain: Domain, base: BaseState, task: { userId: string; instruction: string; actions: readonly BlueprintAction[] }): BlueprintAction | undefined {
  const candidates = identificationCalls(domain, base, task.userId);
  if (candidates.some((candidate) => sameCall(task.actions[0], candidate))) return undefined;
  return candidates.find((candidate) => instructionGives(task.instruction, candidate));
}
