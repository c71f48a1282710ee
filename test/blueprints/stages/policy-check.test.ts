import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { RetailRecords } from '../../../domains/retail/schema.ts';
import { checkExecution } from '../../../src/blueprints/stages/execution-check.ts';
import { checkBlueprintPolicy } from '../../../src/blueprints/stages/policy-check.ts';
import { definePolicyRule, type Domain } from '../../../src/domain-kit/index.ts';
import { cancelBlueprint, retailBase } from '../../support/default-retail.ts';

/** A rule of our own for the test: a cancellation must give the reason "ordered by mistake". */
const onlyMistakes = definePolicyRule<RetailRecords>({
  name: 'cancel-only-mistakes',
  description: 'An order may be cancelled only when it was ordered by mistake.',
  appliesTo: ['cancel_pending_order'],
  check: (trace) =>
    trace.steps
      .filter((step) => step.call.name === 'cancel_pending_order' && step.result.ok && (step.call.arguments as { reason: string }).reason !== 'ordered by mistake')
      .map((step) => ({ actionIndex: step.index, message: `the reason is "${(step.call.arguments as { reason: string }).reason}", not "ordered by mistake"` })),
});

/** A rule without an action: the conversation must read the order before it cancels it. */
const readFirst = definePolicyRule<RetailRecords>({
  name: 'read-before-write',
  description: 'Look the order up before changing it.',
  appliesTo: ['cancel_pending_order', 'get_order_details'],
  check: (trace) => {
    const names = trace.steps.map((step) => step.call.name);
    const read = names.indexOf('get_order_details');
    const cancel = names.indexOf('cancel_pending_order');
    return cancel === -1 || (read !== -1 && read < cancel) ? [] : [{ message: 'the order is cancelled before it is read' }];
  },
});

const withRules = (...rules: (typeof onlyMistakes)[]) => ({ ...retail, policyRules: rules }) as unknown as Domain;

describe('stage 3: policy', () => {
  it('passes when no rule is broken (and with no rules at all)', () => {
    const { trace } = checkExecution(retail as unknown as Domain, retailBase(), cancelBlueprint());
    expect(checkBlueprintPolicy({ ...retail, policyRules: [] } as unknown as Domain, trace)).toEqual({ stage: 'policy', passed: true, problems: [], details: { rulesChecked: [] } });
    expect(checkBlueprintPolicy(withRules(readFirst), trace)).toMatchObject({ passed: true, problems: [] });
  });

  it('names the rule and the action of each violation', () => {
    const blueprint = cancelBlueprint();
    const reordered = { ...blueprint, actions: [...blueprint.actions].reverse() };
    const { trace } = checkExecution(retail as unknown as Domain, retailBase(), reordered);
    const result = checkBlueprintPolicy(withRules(onlyMistakes, readFirst), trace);
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual([
      'rule cancel-only-mistakes, actions[0] (cancel_pending_order): the reason is "no longer needed", not "ordered by mistake"',
      'rule read-before-write: the order is cancelled before it is read',
    ]);
    expect(result.details).toEqual({ rulesChecked: ['cancel-only-mistakes', 'read-before-write'] });
  });
});
