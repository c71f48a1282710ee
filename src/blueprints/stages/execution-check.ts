import { diffStates, renderDiff, tracePolicy, type BaseState, type Domain, type PatchOperation, type PolicyTrace } from '../../domain-kit/index.ts';
import type { Blueprint } from '../blueprint.ts';
import type { StageResult } from '../validation-result.ts';
import { goldEndsWithTransfer, JUDGE_REQUIRED_WARNING, needsJudge } from './judge-required.ts';

/** How much of each action's result text is kept in the stage details (results are for reading). */
export const KEPT_RESULT_CHARACTERS = 1000;

/** One action's result as the execution stage keeps it. */
export interface ActionResultRecord {
  index: number;
  name: string;
  ok: boolean;
  content: string;
}

/** What the execution stage keeps in `details`: the state diff (JSON Patch and its reading), the final hash, the results. */
export interface ExecutionDetails {
  patch: PatchOperation[];
  diff: string;
  finalHash: string;
  results: ActionResultRecord[];
  /** The gold changes nothing, names no outputs and ends with no transfer: only a judge can grade it (see judge-required.ts). */
  judgeRequired?: true;
}

export interface ExecutionCheck {
  result: StageResult;
  /** Each action with its states, for the policy stage. */
  trace: PolicyTrace;
}

const keep = (text: string) => (text.length <= KEPT_RESULT_CHARACTERS ? text : `${text.slice(0, KEPT_RESULT_CHARACTERS)}… (${text.length - KEPT_RESULT_CHARACTERS} more characters)`);

/**
 * Stage 2: runs the actions in order on a fresh state. An action that returns an error fails the stage
 * unless it is marked `expectError`, and an action so marked that succeeds fails it too. A blueprint
 * whose actions change nothing needs a second signal, since a do-nothing agent matches its state: outputs
 * the gold run looked up (the grader's evidence rule), or a gold that ends with a transfer (the grader keeps
 * a transfer only then). Without either it passes as `judge-required`: a warning, and `details.judgeRequired`, which
 * `rollout` and `generate` read to refuse it without a judge. It never passes silently.
 */
export function checkExecution(domain: Domain, base: BaseState, blueprint: Blueprint): ExecutionCheck {
  const trace = tracePolicy(
    domain,
    base,
    blueprint.userId,
    blueprint.actions.map((action) => ({ name: action.name, arguments: action.arguments })),
  );
  const problems: string[] = [];
  trace.steps.forEach((step) => {
    const expectError = blueprint.actions[step.index]?.expectError === true;
    const label = `actions[${step.index}] (${step.call.name})`;
    if (!step.result.ok && !expectError) problems.push(`${label}: returned an error: ${step.result.content}`);
    if (step.result.ok && expectError) problems.push(`${label}: was expected to return an error but succeeded`);
  });
  const stateDiff = diffStates(trace.initial, trace.final);
  const judgeRequired = needsJudge({
    changesState: stateDiff.patch.length > 0,
    outputs: blueprint.outputs,
    endsWithTransfer: goldEndsWithTransfer(domain, blueprint.actions),
    instruction: blueprint.instruction,
    goldResults: trace.steps.filter((step) => step.result.ok).map((step) => step.result.content),
  });
  const details: ExecutionDetails = {
    patch: stateDiff.patch,
    diff: renderDiff(stateDiff),
    finalHash: trace.final.hash(),
    results: trace.steps.map((step) => ({ index: step.index, name: step.call.name, ok: step.result.ok, content: keep(step.result.content) })),
    ...(judgeRequired ? { judgeRequired: true as const } : {}),
  };
  const warnings = judgeRequired && problems.length === 0 ? [JUDGE_REQUIRED_WARNING] : [];
  return { result: { stage: 'execution', passed: problems.length === 0, problems, ...(warnings.length > 0 ? { warnings } : {}), details: { ...details } }, trace };
}
