import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { RetailRecords } from '../../../domains/retail/schema.ts';
import { checkExecution } from '../../../src/blueprints/stages/execution-check.ts';
import { checkBlueprintPolicy } from '../../../src/blueprints/stages/policy-check.ts';
import { definePolicyRule, type Domain } from '../../../src/domain-kit/index.ts';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
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

  describe('recorded policy exceptions (a known error of the source gold, recorded by the import)', () => {
    const blueprint = cancelBlueprint();
    const { trace } = checkExecution(retail as unknown as Domain, retailBase(), blueprint);
    const cancelIndex = blueprint.actions.findIndex((action) => action.name === 'cancel_pending_order');
    const exception = { rule: 'cancel-only-mistakes', actionIndex: cancelIndex, note: "tau-bench's gold breaks this rule" };
    const imported = (source: string, exceptions = [exception]): Pick<Blueprint, 'provenance'> => ({ provenance: { kind: 'imported', source, policyExceptions: exceptions } });

    it('accepts exactly the listed violation of a blueprint imported from tau-bench, as a warning', () => {
      const result = checkBlueprintPolicy(withRules(onlyMistakes), trace, imported('tau-bench'));
      expect(result).toMatchObject({ passed: true, problems: [], details: { rulesChecked: ['cancel-only-mistakes'], exceptionsAccepted: ['cancel-only-mistakes'] } });
      expect(result.warnings).toEqual([
        `policy exception: rule cancel-only-mistakes, actions[${cancelIndex}] (cancel_pending_order): the reason is "no longer needed", not "ordered by mistake" (accepted: tau-bench's gold breaks this rule, as the import recorded in provenance.policyExceptions)`,
      ]);
    });

    it('still fails every violation that is not listed: another rule, another action, or a blueprint not from tau-bench', () => {
      const problem = `rule cancel-only-mistakes, actions[${cancelIndex}] (cancel_pending_order): the reason is "no longer needed", not "ordered by mistake"`;
      const otherRule = checkBlueprintPolicy(withRules(onlyMistakes), trace, imported('tau-bench', [{ ...exception, rule: 'read-before-write' }]));
      expect(otherRule).toMatchObject({ passed: false, problems: [problem] });
      const otherAction = checkBlueprintPolicy(withRules(onlyMistakes), trace, imported('tau-bench', [{ ...exception, actionIndex: 0 }]));
      expect(otherAction).toMatchObject({ passed: false, problems: [problem] });
      const otherSource = checkBlueprintPolicy(withRules(onlyMistakes), trace, imported('someone-else'));
      expect(otherSource).toMatchObject({ passed: false, problems: [problem] });
      expect(otherSource.warnings).toBeUndefined();
      // A listed exception does not cover a second rule broken by the same gold.
      const reordered = { ...blueprint, actions: [...blueprint.actions].reverse() };
      const reorderedTrace = checkExecution(retail as unknown as Domain, retailBase(), reordered).trace;
      const both = checkBlueprintPolicy(withRules(onlyMistakes, readFirst), reorderedTrace, imported('tau-bench', [{ ...exception, actionIndex: 0 }]));
      expect(both).toMatchObject({ passed: false, problems: ['rule read-before-write: the order is cancelled before it is read'] });
      expect(both.warnings).toHaveLength(1);
    });
  });
});
