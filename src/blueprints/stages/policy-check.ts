import { checkPolicy, type Domain, type PolicyTrace } from '../../domain-kit/index.ts';
import type { StageResult } from '../validation-result.ts';

/**
 * Stage 3: the domain's executable policy rules over the execution trace. Each problem names the rule
 * and, when the rule points at one, the action: `rule one-items-modification, actions[2] (modify_pending_order_items): ...`.
 */
export function checkBlueprintPolicy(domain: Domain, trace: PolicyTrace): StageResult {
  const rules = domain.policyRules ?? [];
  const problems = checkPolicy(rules, trace).map((violation) => {
    const step = violation.actionIndex === undefined ? undefined : trace.steps[violation.actionIndex];
    const action = violation.actionIndex === undefined ? '' : `, actions[${violation.actionIndex}]${step ? ` (${step.call.name})` : ''}`;
    return `rule ${violation.rule}${action}: ${violation.message}`;
  });
  return { stage: 'policy', passed: problems.length === 0, problems, details: { rulesChecked: rules.map((rule) => rule.name) } };
}
