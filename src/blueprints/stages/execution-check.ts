import { diffStates, renderDiff, tracePolicy, type BaseState, type Domain, type PatchOperation, type PolicyTrace } from '../../domain-kit/index.ts';
import type { Blueprint } from '../blueprint.ts';
import type { StageResult } from '../validation-result.ts';

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
 * whose actions change nothing and that names no outputs fails as well: nothing would tell a
 * do-nothing agent from a good one.
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
  if (stateDiff.patch.length === 0 && blueprint.outputs.length === 0) {
    problems.push('the actions change nothing and the blueprint names no outputs: a do-nothing agent would pass it (add outputs or a state-changing action)');
  }
  const details: ExecutionDetails = {
    patch: stateDiff.patch,
    diff: renderDiff(stateDiff),
    finalHash: trace.final.hash(),
    results: trace.steps.map((step) => ({ index: step.index, name: step.call.name, ok: step.result.ok, content: keep(step.result.content) })),
  };
  return { result: { stage: 'execution', passed: problems.length === 0, problems, details: { ...details } }, trace };
}
