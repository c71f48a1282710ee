import type { Blueprint } from '../blueprints/blueprint.ts';
import { canonicalJson, diffStates, DomainState, renderDiff, replayActions, type BaseState, type Domain } from '../domain-kit/index.ts';
import type { ChatMessage } from '../models/index.ts';
import type { TerminationReason } from './termination.ts';
import { parseToolArguments } from './tool-execution.ts';
import type { Verdict, VerdictReason } from './verdict.ts';

/**
 * How an expected output is matched in what the agent told the user. `token`: on token boundaries (a
 * number never inside a longer number); `tau-bench`: tau-bench's rule, a substring of the lower-cased text
 * with commas removed.
 */
export type OutputsMatchRule = 'token' | 'tau-bench';

export interface GradeInput {
  domain: Domain;
  /** The data the rollout started from. */
  base: BaseState;
  blueprint: Pick<Blueprint, 'actions' | 'outputs'>;
  messages: readonly ChatMessage[];
  termination: TerminationReason;
  /** Default `token`. */
  outputsMatch?: OutputsMatchRule;
  /** A judge's verdict on the conversation, used only when the gold run changes nothing. */
  judge?: { model: string; passed: boolean; reasoning: string };
}

/** tau-bench's outputs check: the output, lower-cased, inside an agent message lower-cased with commas removed. */
export function outputFound(output: string, agentMessages: readonly string[]): boolean {
  const needle = output.toLowerCase();
  return agentMessages.some((text) => text.toLowerCase().replaceAll(',', '').includes(needle));
}

/** The agent's final state: its tool calls replayed, in order, on a fresh state (as they ran in the rollout). */
export function replayAgentCalls(domain: Domain, base: BaseState, messages: readonly ChatMessage[]): { state: DomainState; writes: { name: string; arguments: unknown }[] } {
  const state = new DomainState(base);
  const writes: { name: string; arguments: unknown }[] = [];
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) {
      const parsed = parseToolArguments(call.function.arguments);
      if (!parsed.ok) continue;
      const result = domain.execute(state, { name: call.function.name, arguments: parsed.value });
      if (result.ok && result.kind === 'write') writes.push({ name: call.function.name, arguments: parsed.value });
    }
  }
  return { state, writes };
}

/** How many gold writes the agent made with the same arguments (each agent write matches at most once). */
function countMatchedWrites(domain: Domain, gold: Blueprint['actions'], agentWrites: { name: string; arguments: unknown }[]): { goldWrites: number; matched: number } {
  const key = (name: string, args: unknown) => `${name}:${canonicalJson(args ?? {})}`;
  const available = new Map<string, number>();
  for (const write of agentWrites) available.set(key(write.name, write.arguments), (available.get(key(write.name, write.arguments)) ?? 0) + 1);
  let goldWrites = 0;
  let matched = 0;
  for (const action of gold) {
    if (domain.tool(action.name)?.kind !== 'write') continue;
    goldWrites++;
    const left = available.get(key(action.name, action.arguments)) ?? 0;
    if (left > 0) {
      matched++;
      available.set(key(action.name, action.arguments), left - 1);
    }
  }
  return { goldWrites, matched };
}

/**
 * The acceptance verdict, a pure function of (blueprint, trajectory, domain data): kept only if the
 * user ended it with STOP, the final state equals the state the blueprint's actions produce, and every
 * expected output was said. A blueprint whose gold run changes nothing needs a second signal — its
 * outputs, or a judge — and without one the trajectory is unverifiable, never silently kept.
 */
export function gradeTrajectory(input: GradeInput): Verdict {
  const { domain, base, blueprint, messages } = input;
  const gold = new DomainState(base);
  replayActions(domain, gold, blueprint.actions);
  const agent = replayAgentCalls(domain, base, messages);
  const goldHash = gold.hash();
  const finalHash = agent.state.hash();
  const diff = diffStates(gold, agent.state);
  const agentMessages = messages.flatMap((message) => (message.role === 'assistant' && message.content ? [message.content] : []));
  const found = blueprint.outputs.filter((output) => outputFound(output, agentMessages));
  const missing = blueprint.outputs.filter((output) => !found.includes(output));
  const goldChangesState = goldHash !== base.hash();
  const stateMatch = goldHash === finalHash;

  let reason: VerdictReason = 'accepted';
  if (input.termination !== 'user-stop') reason = 'not-user-stop';
  else if (!stateMatch) reason = 'state-mismatch';
  else if (missing.length > 0) reason = 'missing-outputs';
  else if (!goldChangesState && blueprint.outputs.length === 0) reason = input.judge ? (input.judge.passed ? 'accepted' : 'judge-rejected') : 'unverifiable';

  return {
    kept: reason === 'accepted',
    reason,
    termination: input.termination,
    state: { match: stateMatch, goldHash, finalHash, goldChangesState, diff: { patch: diff.patch, rendered: stateMatch ? '' : renderDiff(diff) } },
    outputs: { expected: [...blueprint.outputs], found, missing },
    actionMatch: { ...countMatchedWrites(domain, blueprint.actions, agent.writes), agentWrites: agent.writes.length },
    ...(input.judge ? { judge: input.judge } : {}),
  };
}
