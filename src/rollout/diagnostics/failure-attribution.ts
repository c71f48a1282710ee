import type { Blueprint } from '../../blueprints/blueprint.ts';
import { checkPolicy, tracePolicy, type BaseState, type Domain, type ToolCall } from '../../domain-kit/index.ts';
import type { ChatMessage } from '../../models/index.ts';
import { agrees, asksForConfirmation } from '../pending-write.ts';
import type { Trajectory } from '../trajectory.ts';
import type { Verdict } from '../verdict.ts';
import type { AgentToolStep } from './agent-tool-steps.ts';
import type { GoldAlignment } from './gold-alignment.ts';
import type { RevealedFact } from './revealed-facts.ts';

/** Who a rejection is put down to. `none`: the trajectory was kept. */
export const failureParties = ['none', 'agent', 'human', 'environment', 'blueprint'] as const;
export type FailureParty = (typeof failureParties)[number];

/** The rule that decided the attribution (see `attributeFailure` for the order they are tried in). */
export type AttributionRule =
  | 'kept'
  | 'gold-unverifiable'
  | 'gold-action-fails'
  | 'gold-breaks-policy'
  | 'tool-error-on-valid-arguments'
  | 'stop-before-write'
  | 'stopped-early'
  | 'revealed-facts'
  | 'human-error'
  | 'agent-policy-violation'
  | 'wrong-write'
  | 'extra-write'
  | 'missing-write'
  | 'missing-outputs'
  | 'agent-ending'
  | 'agent-other';

export interface FailureAttribution {
  party: FailureParty;
  rule: AttributionRule;
  /** One sentence for people. */
  explanation: string;
}

export interface AttributionInput {
  domain: Domain;
  base: BaseState;
  blueprint: Pick<Blueprint, 'actions' | 'outputs' | 'userId'>;
  trajectory: Pick<Trajectory, 'messages' | 'termination' | 'interventions'>;
  /** Undefined when the blueprint cannot grade at all (a gold action errors on a fresh state). */
  verdict: Verdict | undefined;
  steps: readonly AgentToolStep[];
  alignment: GoldAlignment;
  revealed: readonly RevealedFact[];
}

const agentEndings = new Set(['too-many-errors', 'repeated-call', 'agent-stop', 'agent-error', 'max-turns', 'token-budget']);
const moreHelpOffer = /\b(anything else|something else|any other|further assistance)\b/i;
const show = (value: unknown) => JSON.stringify(value);

/** The human's last words and the agent text they answered. */
function lastExchange(messages: readonly ChatMessage[]): { human: string | undefined; agent: string | undefined } {
  const humanIndex = messages.findLastIndex((message) => message.role === 'user' && !message.note);
  const human = humanIndex >= 0 ? (messages[humanIndex] as { content: string }).content : undefined;
  const agent = messages.slice(0, Math.max(0, humanIndex)).findLast((message) => message.role === 'assistant' && Boolean(message.content))?.content ?? undefined;
  return { human, agent };
}

/**
 * Puts a rejection down to one party with rules that need no model, tried in this order:
 * 1. blueprint — the gold run proves nothing (unverifiable), a gold action fails on a fresh state, or the gold
 *    actions break a policy rule: the gold is unreachable under the policy;
 * 2. environment — a tool answered an error where a fresh replay of the same call, on valid arguments, succeeds;
 * 3. human — the simulated user said STOP while agreeing to a write not yet made, stopped early while the agent
 *    was still asking, revealed a value its instruction lacks that the agent then used, or its model failed;
 * 4. agent — broke a policy rule the gold keeps, made a wrong or extra write, missed a write, left an expected
 *    output unsaid, or ended the episode itself (errors, repeated calls, limits).
 */
export function attributeFailure(input: AttributionInput): FailureAttribution {
  const { domain, base, blueprint, trajectory, verdict, steps, alignment } = input;
  if (verdict?.kept) return { party: 'none', rule: 'kept', explanation: 'kept: nothing to attribute' };

  const goldTrace = tracePolicy(domain, base, blueprint.userId, blueprint.actions);
  const failing = goldTrace.steps.find((step) => !step.result.ok && !blueprint.actions[step.index]?.expectError);
  if (failing) return { party: 'blueprint', rule: 'gold-action-fails', explanation: `gold action ${failing.index} (${failing.call.name}) fails on a fresh state: ${failing.result.content}` };
  if (!verdict) return { party: 'blueprint', rule: 'gold-action-fails', explanation: 'the gold actions cannot be replayed, so no trajectory can be graded against them' };
  if (verdict.reason === 'unverifiable') return { party: 'blueprint', rule: 'gold-unverifiable', explanation: 'the gold actions change nothing and no output proves a lookup (none named, or each given by the instruction or held by no tool result): only a judge can verify a run' };
  const goldViolations = checkPolicy(domain.policyRules ?? [], goldTrace);
  if (goldViolations[0]) return { party: 'blueprint', rule: 'gold-breaks-policy', explanation: `the gold actions break policy rule ${goldViolations[0].rule}: ${goldViolations[0].message}` };

  const toolFailure = steps.find((step) => step.ok && step.storedResult !== undefined && step.storedResult !== step.result);
  if (toolFailure) return { party: 'environment', rule: 'tool-error-on-valid-arguments', explanation: `${toolFailure.name} (step ${toolFailure.step}) answered "${(toolFailure.storedResult ?? '').slice(0, 120)}", but the same call with these arguments succeeds on replay` };

  const divergence = alignment.firstDivergence;
  const missingWriteAtEnd = divergence?.kind === 'missing-call' && domain.tool(divergence.name)?.kind === 'write' && divergence.dueBefore >= steps.length;
  const { human, agent } = lastExchange(trajectory.messages);
  const userEnded = ['user-stop', 'transfer', 'out-of-scope'].includes(verdict.termination);
  if (missingWriteAtEnd && userEnded && human !== undefined) {
    const agentAsked = agent !== undefined && asksForConfirmation(agent);
    if ((trajectory.interventions ?? []).some((intervention) => intervention.kind === 'wait-nudge') || (agentAsked && human.includes('###STOP###') && agrees(human))) {
      return { party: 'human', rule: 'stop-before-write', explanation: `the simulated user said STOP while agreeing to ${divergence.name}, before the agent could make it` };
    }
    if (agent !== undefined && (agentAsked || agent.trim().endsWith('?')) && !moreHelpOffer.test(agent)) {
      return { party: 'human', rule: 'stopped-early', explanation: `the simulated user ended the conversation while the agent was still asking, before ${divergence.name}` };
    }
  }
  // The values the agent got wrong: every differing argument of a partial match, and every extra write.
  const differing = [
    ...alignment.actions.flatMap((match) => match.differences.map((difference) => show(difference.agent).toLowerCase())),
    ...alignment.extraWrites.map((step) => show(steps[step]?.arguments).toLowerCase()),
  ];
  const used = input.revealed.find((fact) => differing.some((value) => value.includes(fact.value.replace(/^#/, ''))));
  if (used) return { party: 'human', rule: 'revealed-facts', explanation: `the simulated user said "${used.value}", which its instruction does not hold, and the agent used it` };
  if (verdict.termination === 'human-error') return { party: 'human', rule: 'human-error', explanation: 'the simulated user failed to answer' };

  const agentCalls: ToolCall[] = steps.filter((step) => step.arguments !== undefined).map((step) => ({ name: step.name, arguments: step.arguments }));
  const goldRules = new Set(goldViolations.map((violation) => violation.rule));
  const agentViolation = checkPolicy(domain.policyRules ?? [], tracePolicy(domain, base, blueprint.userId, agentCalls)).find((violation) => !goldRules.has(violation.rule));
  if (agentViolation) return { party: 'agent', rule: 'agent-policy-violation', explanation: `the agent broke policy rule ${agentViolation.rule}: ${agentViolation.message}` };
  if (divergence?.kind === 'wrong-arguments' && domain.tool(divergence.name)?.kind === 'write') {
    return { party: 'agent', rule: 'wrong-write', explanation: `the agent called ${divergence.name} with ${divergence.differences.map((difference) => `${difference.path} ${show(difference.agent)} instead of ${show(difference.gold)}`).join(', ')}` };
  }
  if (divergence?.kind === 'extra-write') return { party: 'agent', rule: 'extra-write', explanation: `the agent made a write the gold does not: ${divergence.name} ${show(divergence.arguments)}` };
  const missingWrite = alignment.actions.find((match) => match.kind === 'write' && match.match !== 'exact');
  if (missingWrite) return { party: 'agent', rule: missingWrite.match === 'missing' ? 'missing-write' : 'wrong-write', explanation: `the agent ${missingWrite.match === 'missing' ? 'never made' : 'got wrong'} gold write ${missingWrite.goldIndex} (${missingWrite.action.name})` };
  if (verdict.reason === 'missing-outputs') return { party: 'agent', rule: 'missing-outputs', explanation: `the agent never said ${verdict.outputs.missing.map(show).join(', ')}` };
  if (agentEndings.has(verdict.termination)) return { party: 'agent', rule: 'agent-ending', explanation: `the episode ended by ${verdict.termination}${trajectory.termination.detail ? ` (${trajectory.termination.detail})` : ''}` };
  return { party: 'agent', rule: 'agent-other', explanation: `rejected (${verdict.reason}) with no more specific rule` };
}
