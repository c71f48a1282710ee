import { checkPolicy, type Domain, type PolicyTrace, type PolicyViolation } from '../../domain-kit/index.ts';
import type { Blueprint } from '../blueprint.ts';
import type { StageResult } from '../validation-result.ts';
import { isRecordedException, POLICY_EXCEPTION_SOURCE, type PolicyException } from './policy-exceptions.ts';

/** The policy exceptions the stage accepts for a blueprint: only those an import from tau-bench recorded. */
function acceptedExceptions(blueprint: Pick<Blueprint, 'provenance'> | undefined): PolicyException[] {
  const provenance = blueprint?.provenance;
  if (provenance?.kind !== 'imported' || provenance.source !== POLICY_EXCEPTION_SOURCE) return [];
  return provenance.policyExceptions ?? [];
}

/**
 * Stage 3: the domain's executable policy rules over the execution trace. Each problem names the rule
 * and, when the rule points at one, the action: `rule one-items-modification, actions[2] (modify_pending_order_items): ...`.
 * A blueprint imported from tau-bench may list policy exceptions in its provenance (rules tau-bench's own
 * gold is known to break, recorded by the import): exactly those violations (same rule, same action) are
 * accepted, each reported as a warning; any other violation still fails the stage.
 */
export function checkBlueprintPolicy(domain: Domain, trace: PolicyTrace, blueprint?: Pick<Blueprint, 'provenance'>): StageResult {
  const rules = domain.policyRules ?? [];
  const describe = (violation: PolicyViolation) => {
    const step = violation.actionIndex === undefined ? undefined : trace.steps[violation.actionIndex];
    const action = violation.actionIndex === undefined ? '' : `, actions[${violation.actionIndex}]${step ? ` (${step.call.name})` : ''}`;
    return `rule ${violation.rule}${action}: ${violation.message}`;
  };
  const exceptions = acceptedExceptions(blueprint);
  const violations = checkPolicy(rules, trace);
  const excepted = violations.filter((violation) => isRecordedException(violation, exceptions));
  const problems = violations.filter((violation) => !excepted.includes(violation)).map(describe);
  const warnings = excepted.map((violation) => `policy exception: ${describe(violation)} (accepted: tau-bench's gold breaks this rule, as the import recorded in provenance.policyExceptions)`);
  return {
    stage: 'policy',
    passed: problems.length === 0,
    problems,
    ...(warnings.length > 0 ? { warnings } : {}),
    details: { rulesChecked: rules.map((rule) => rule.name), ...(excepted.length > 0 ? { exceptionsAccepted: excepted.map((violation) => violation.rule) } : {}) },
  };
}
