import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import { diffStates, DomainState, renderDiff, type BaseState, type Domain, type PatchOperation } from '../../domain-kit/index.ts';
import type { AgentToolStep } from './agent-tool-steps.ts';

/** A write as one side made it: the call, whether it ran, and what it changed. */
export interface WriteSide {
  /** The agent step, or the gold action index. */
  index: number;
  name: string;
  arguments: unknown;
  ok: boolean;
  /** What this write changed, read as in `renderDiff` ("(no change)" for a failed write). */
  change: string;
}

/**
 * The n-th write of the agent beside the n-th write of the gold actions, and how the two states differ after
 * them (from gold to agent): `patch` is empty when the states are equal at that point.
 */
export interface WriteStateDiff {
  ordinal: number;
  agent?: WriteSide;
  gold?: WriteSide;
  patch: PatchOperation[];
  /** The difference read line by line; empty when the states are equal. */
  rendered: string;
}

const changeOf = (before: DomainState, after: DomainState) => renderDiff(diffStates(before, after));

/**
 * The state diff after each write, agent vs gold, pairing writes by their order. Gold actions run on a fresh
 * state of `base` as the grader runs them; the agent's writes are the replayed steps. Pure.
 */
export function writeStateDiffs(domain: Domain, base: BaseState, gold: readonly BlueprintAction[], steps: readonly AgentToolStep[]): WriteStateDiff[] {
  const goldState = new DomainState(base);
  const goldWrites: { side: WriteSide; after: DomainState }[] = [];
  gold.forEach((action, index) => {
    const before = goldState.fork();
    const result = domain.execute(goldState, action);
    if (result.kind !== 'write') return;
    goldWrites.push({ side: { index, name: action.name, arguments: action.arguments, ok: result.ok, change: changeOf(before, goldState) }, after: goldState.fork() });
  });
  const agentWrites = steps
    .filter((step) => step.kind === 'write')
    .map((step) => ({ side: { index: step.step, name: step.name, arguments: step.arguments, ok: step.ok, change: changeOf(step.before, step.after) }, after: step.after }));
  const count = Math.max(goldWrites.length, agentWrites.length);
  const fresh = new DomainState(base);
  const diffs: WriteStateDiff[] = [];
  for (let ordinal = 0; ordinal < count; ordinal++) {
    const goldWrite = goldWrites[ordinal];
    const agentWrite = agentWrites[ordinal];
    // A side with fewer writes stays at its last state.
    const goldAfter = goldWrite?.after ?? goldWrites.at(-1)?.after ?? fresh;
    const agentAfter = agentWrite?.after ?? agentWrites.at(-1)?.after ?? fresh;
    const diff = diffStates(goldAfter, agentAfter);
    diffs.push({ ordinal, ...(agentWrite ? { agent: agentWrite.side } : {}), ...(goldWrite ? { gold: goldWrite.side } : {}), patch: diff.patch, rendered: diff.patch.length === 0 ? '' : renderDiff(diff) });
  }
  return diffs;
}
