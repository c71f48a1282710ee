import type { Blueprint } from '../../blueprints/blueprint.ts';
import { checkExecution } from '../../blueprints/stages/execution-check.ts';
import { checkFormat } from '../../blueprints/stages/format-check.ts';
import { isJudgeRequired } from '../../blueprints/stages/judge-required.ts';
import { checkBlueprintPolicy } from '../../blueprints/stages/policy-check.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import { GoldActionError, replayGold } from './gold-replay.ts';

/** What validation stages 1–3 say about a blueprint before it is rolled out or graded. */
export interface BlueprintGate {
  blueprintId: string;
  /** Format, execution and policy all passed. */
  passed: boolean;
  /** Each problem with its stage: `execution: actions[1] (cancel_pending_order): returned an error: ...`. */
  problems: string[];
  /** Why no trajectory of it can be graded at all (a gold action that errors without `expectError`). */
  ungradable?: string;
  /** It passed, but only a judge can grade its trajectories (see stages/judge-required.ts). */
  judgeRequired?: true;
}

/**
 * Stages 1–3 of validation (the same stage functions `validate` runs; the committee is not asked), in
 * order, stopping at the first stage that fails. Pure and offline: `rollout` runs it on every blueprint
 * before any rollout, `regrade` to tell which trajectories came from unvalidated blueprints.
 */
export function gateBlueprint(domain: Domain, base: BaseState, blueprint: Blueprint): BlueprintGate {
  const gate = (problems: string[], judgeRequired = false): BlueprintGate => {
    let ungradable: string | undefined;
    try {
      replayGold(domain, base, blueprint.actions, blueprint.id);
    } catch (error) {
      if (!(error instanceof GoldActionError)) throw error;
      ungradable = error.message;
    }
    return { blueprintId: blueprint.id, passed: problems.length === 0, problems, ...(ungradable ? { ungradable } : {}), ...(judgeRequired && problems.length === 0 ? { judgeRequired: true as const } : {}) };
  };
  const format = checkFormat(domain, base, blueprint);
  if (!format.result.passed) return gate(format.result.problems.map((problem) => `format: ${problem}`));
  const execution = checkExecution(domain, base, blueprint);
  if (!execution.result.passed) return gate(execution.result.problems.map((problem) => `execution: ${problem}`));
  const policy = checkBlueprintPolicy(domain, execution.trace, blueprint);
  return gate(
    policy.problems.map((problem) => `policy: ${problem}`),
    isJudgeRequired(execution.result),
  );
}

/**
 * The blueprints `rollout` must refuse, as one message (empty when none): every blueprint that failed a
 * stage, or with `unvalidated` only those that cannot be graded at all.
 */
export function refusedBlueprints(gates: readonly BlueprintGate[], unvalidated: boolean): string {
  const refused = gates.filter((gate) => (unvalidated ? gate.ungradable !== undefined : !gate.passed));
  if (refused.length === 0) return '';
  const lines = refused.map((gate) => `  ${gate.blueprintId}: ${unvalidated ? gate.ungradable : gate.problems.join('; ')}`);
  const head = unvalidated
    ? `${refused.length} of ${gates.length} blueprint(s) cannot be graded even with --unvalidated (nothing was rolled out):`
    : `${refused.length} of ${gates.length} blueprint(s) fail validation stages 1-3 (nothing was rolled out; --unvalidated rolls them out anyway, marked as unvalidated):`;
  return [head, ...lines].join('\n');
}

/**
 * The blueprints `rollout` and `generate` must refuse for want of a judge, as one line (empty when none):
 * those that passed only as judge-required, when no judge model is configured and `--unvalidated` was not
 * given. With `--unvalidated` they are rolled out and graded `unverifiable` (never kept).
 */
export function judgeRequiredRefusal(gates: readonly BlueprintGate[], options: { judge: boolean; offline: boolean; unvalidated: boolean }): string {
  if (options.judge || options.unvalidated) return '';
  const needing = gates.filter((gate) => gate.judgeRequired).map((gate) => gate.blueprintId);
  if (needing.length === 0) return '';
  const judgeFlag = options.offline ? '--judge-model (with model roles: --offline has no judge)' : '--judge-model';
  return `${needing.length} of ${gates.length} blueprint(s) need a judge (their gold changes nothing, names no outputs and ends with no transfer, so only a judge can grade them): ${needing.join(', ')}; pass ${judgeFlag}, or --unvalidated to roll them out graded unverifiable (never kept); nothing was rolled out`;
}
