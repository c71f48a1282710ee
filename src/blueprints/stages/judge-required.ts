import type { Domain } from '../../domain-kit/index.ts';
import { outputEvidence } from '../../rollout/grading/output-evidence.ts';
import type { BlueprintAction } from '../blueprint.ts';
import type { StageResult } from '../validation-result.ts';

/**
 * Whether the gold's last action is the domain's transfer tool (a `terminal` tool). The grader keeps a
 * transfer only when the gold ends with one, so for such a gold an agent that does nothing fails and the
 * agent's own transfer is the evidence, even when the gold changes no state.
 */
export function goldEndsWithTransfer(domain: Domain, actions: readonly Pick<BlueprintAction, 'name'>[]): boolean {
  const last = actions.at(-1);
  return last !== undefined && domain.tool(last.name)?.kind === 'terminal';
}

/**
 * The execution stage's warning for a blueprint whose gold changes nothing, does not end with a transfer,
 * and has no output that proves a lookup (a pure refusal, or outputs that only the instruction or the
 * policy give). No model-free check tells a good agent from one that does nothing, so its trajectories are
 * graded by a judge, or are `unverifiable` (never kept). The grader applies the same evidence rule to each
 * trajectory (`outputEvidence`), so a blueprint that passes here without this warning can be kept.
 */
export const JUDGE_REQUIRED_WARNING =
  'judge-required: the actions change nothing, do not end with a transfer, and no output is one the gold run looked up (none named, or each given by the instruction or found in no tool result), so nothing but a judge can tell a good agent from a do-nothing one: rollout and generate need --judge-model for it (or --unvalidated, and then its trajectories are unverifiable, never kept)';

/**
 * Whether a blueprint with these gold facts needs a judge (see `JUDGE_REQUIRED_WARNING`): its outputs are
 * judged by the grader's own evidence rule over the gold run's tool results.
 */
export function needsJudge(facts: { changesState: boolean; outputs: readonly string[]; endsWithTransfer: boolean; instruction: string; goldResults: readonly string[] }): boolean {
  if (facts.changesState || facts.endsWithTransfer) return false;
  return !outputEvidence(facts.outputs, { instruction: facts.instruction, toolResults: facts.goldResults }, 'token').verifiable;
}

/** Whether an execution stage result recorded that its blueprint needs a judge (`details.judgeRequired`). */
export function isJudgeRequired(execution: StageResult | undefined): boolean {
  return execution?.stage === 'execution' && execution.passed && execution.details?.['judgeRequired'] === true;
}
