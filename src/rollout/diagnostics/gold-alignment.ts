import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import { canonicalJson, type Domain, type ToolKind } from '../../domain-kit/index.ts';
import type { AgentToolStep } from './agent-tool-steps.ts';
import { argumentAgreement, argumentDifferences, type ArgumentDifference } from './argument-differences.ts';

/**
 * How one gold action was met: `exact` (same tool, same arguments), `partial` (same tool, some arguments
 * differ: `differences` names them), or `missing` (the agent never called that tool when it was due).
 */
export interface GoldActionMatch {
  goldIndex: number;
  action: BlueprintAction;
  kind: ToolKind | undefined;
  match: 'exact' | 'partial' | 'missing';
  /** The agent step that met it (absent when missing). */
  agentStep?: number;
  /** Share of the gold arguments the agent gave with the same value (1 for exact, 0 for missing). */
  agreement: number;
  differences: ArgumentDifference[];
}

/** The first place the agent's calls leave the gold path, in the order the agent acted. */
export type Divergence =
  | { kind: 'wrong-arguments'; goldIndex: number; agentStep: number; name: string; differences: ArgumentDifference[] }
  | { kind: 'missing-call'; goldIndex: number; name: string; arguments: Record<string, unknown>; /** The agent step before which it was due (agent steps count when absent: at the end). */ dueBefore: number }
  | { kind: 'extra-write'; agentStep: number; name: string; arguments: Record<string, unknown> | undefined };

export interface GoldAlignment {
  actions: GoldActionMatch[];
  /** Agent writes that ran and met no gold action. */
  extraWrites: number[];
  reads: { gold: number; exact: number; partial: number };
  writes: { gold: number; exact: number; partial: number };
  firstDivergence: Divergence | undefined;
}

const sameCall = (action: BlueprintAction, step: AgentToolStep) => step.name === action.name && step.arguments !== undefined && canonicalJson(step.arguments) === canonicalJson(action.arguments);

/**
 * Aligns the gold actions, in order, with the agent's tool calls: each gold action takes the first unused
 * agent call after the previous match with the same tool and arguments, else the first unused call of the
 * same tool (a partial match), else it is missing. Reads are matched as well as writes; only extra writes
 * count as divergences (looking things up is never wrong). Pure.
 */
export function alignWithGold(domain: Domain, gold: readonly BlueprintAction[], steps: readonly AgentToolStep[]): GoldAlignment {
  const used = new Set<number>();
  let cursor = 0;
  const actions: GoldActionMatch[] = gold.map((action, goldIndex) => {
    const kind = domain.tool(action.name)?.kind;
    const candidates = steps.filter((step) => step.step >= cursor && !used.has(step.step) && step.name === action.name);
    const exact = candidates.find((step) => sameCall(action, step));
    const chosen = exact ?? candidates[0];
    if (!chosen) return { goldIndex, action, kind, match: 'missing', agreement: 0, differences: [] };
    used.add(chosen.step);
    cursor = chosen.step + 1;
    if (exact) return { goldIndex, action, kind, match: 'exact', agentStep: chosen.step, agreement: 1, differences: [] };
    return { goldIndex, action, kind, match: 'partial', agentStep: chosen.step, agreement: argumentAgreement(action.arguments, chosen.arguments), differences: argumentDifferences(action.arguments, chosen.arguments ?? {}) };
  });
  const extraWrites = steps.filter((step) => step.kind === 'write' && step.ok && !used.has(step.step)).map((step) => step.step);
  const tally = (kind: ToolKind) => {
    const ofKind = actions.filter((match) => match.kind === kind);
    return { gold: ofKind.length, exact: ofKind.filter((match) => match.match === 'exact').length, partial: ofKind.filter((match) => match.match === 'partial').length };
  };
  return { actions, extraWrites, reads: tally('read'), writes: tally('write'), firstDivergence: firstDivergence(actions, extraWrites, steps) };
}

/** The earliest divergence by agent step; a missing call is placed just before the next matched agent step. */
function firstDivergence(actions: readonly GoldActionMatch[], extraWrites: readonly number[], steps: readonly AgentToolStep[]): Divergence | undefined {
  const candidates: { at: number; order: number; divergence: Divergence }[] = [];
  actions.forEach((match, order) => {
    if (match.match === 'partial' && match.agentStep !== undefined) {
      candidates.push({ at: match.agentStep, order, divergence: { kind: 'wrong-arguments', goldIndex: match.goldIndex, agentStep: match.agentStep, name: match.action.name, differences: match.differences } });
    } else if (match.match === 'missing') {
      const next = actions.slice(order + 1).find((later) => later.agentStep !== undefined)?.agentStep ?? steps.length;
      candidates.push({ at: next - 0.5, order, divergence: { kind: 'missing-call', goldIndex: match.goldIndex, name: match.action.name, arguments: match.action.arguments, dueBefore: next } });
    }
  });
  for (const step of extraWrites) {
    const agentStep = steps[step] as AgentToolStep;
    candidates.push({ at: step, order: actions.length, divergence: { kind: 'extra-write', agentStep: step, name: agentStep.name, arguments: agentStep.arguments } });
  }
  candidates.sort((left, right) => left.at - right.at || left.order - right.order);
  return candidates[0]?.divergence;
}
