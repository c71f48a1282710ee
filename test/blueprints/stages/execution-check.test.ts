import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { checkExecution, type ExecutionDetails } from '../../../src/blueprints/stages/execution-check.ts';
import { isJudgeRequired, JUDGE_REQUIRED_WARNING } from '../../../src/blueprints/stages/judge-required.ts';
import { DomainState, replayActions, type Domain } from '../../../src/domain-kit/index.ts';
import { cancelBlueprint, identifyByEmail, pendingOrder, retailBase, testBlueprint } from '../../support/default-retail.ts';

const domain = retail as unknown as Domain;

describe('stage 2: execution', () => {
  it('passes, keeping the JSON Patch, its reading and the final hash', () => {
    const blueprint = cancelBlueprint();
    const order = pendingOrder();
    const { result, trace } = checkExecution(domain, retailBase(), blueprint);
    expect(result.passed).toBe(true);
    expect(result.problems).toEqual([]);
    const details = result.details as unknown as ExecutionDetails;
    const statusPath = `/orders/${order.order_id.replace('~', '~0').replace('/', '~1')}/status`;
    expect(details.patch).toContainEqual({ op: 'replace', path: statusPath, value: 'cancelled' });
    const payment = order.payment_history[0];
    expect(details.diff).toBe(
      [
        `orders/${order.order_id}`,
        `  + payment_history/1: {"transaction_type":"refund","amount":${payment?.amount},"payment_method_id":"${payment?.payment_method_id}"}`,
        '  ~ status: "pending" -> "cancelled"',
        '  + cancel_reason: "no longer needed"',
      ].join('\n'),
    );
    const replayed = new DomainState(retailBase());
    replayActions(domain, replayed, blueprint.actions);
    expect(details.finalHash).toBe(replayed.hash());
    expect(details.results.map((step) => [step.name, step.ok])).toEqual([
      ['find_user_id_by_email', true],
      ['get_order_details', true],
      ['cancel_pending_order', true],
    ]);
    expect(trace.steps).toHaveLength(3);
  });

  it('fails on an error result, naming the action and the error text', () => {
    const blueprint = testBlueprint({ actions: [identifyByEmail(), { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }], outputs: ['x'] });
    const { result } = checkExecution(domain, retailBase(), blueprint);
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual(['actions[1] (cancel_pending_order): returned an error: Error: order not found']);
    expect((result.details as unknown as ExecutionDetails).diff).toBe('(no change)');
  });

  it('accepts an error marked expectError, and fails an expected error that does not happen', () => {
    const order = pendingOrder();
    const blueprint = testBlueprint({
      actions: [
        identifyByEmail(),
        { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' } },
        { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' }, expectError: true },
      ],
    });
    expect(checkExecution(domain, retailBase(), blueprint).result).toMatchObject({ passed: true, problems: [] });
    const wrong = testBlueprint({ actions: [identifyByEmail(), { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' }, expectError: true }] });
    expect(checkExecution(domain, retailBase(), wrong).result.problems).toEqual(['actions[1] (cancel_pending_order): was expected to return an error but succeeded']);
  });

  it('passes a blueprint that changes nothing and names no outputs only as judge-required: a warning and details.judgeRequired, never silently', () => {
    const order = pendingOrder();
    const readOnly = testBlueprint({ actions: [identifyByEmail(), { name: 'get_order_details', arguments: { order_id: order.order_id } }] });
    const { result } = checkExecution(domain, retailBase(), readOnly);
    expect(result).toMatchObject({ passed: true, problems: [], warnings: [JUDGE_REQUIRED_WARNING], details: { judgeRequired: true } });
    expect(isJudgeRequired(result)).toBe(true);
    // Outputs the gold run looked up are the second signal: no warning, nothing recorded.
    const withOutputs = checkExecution(domain, retailBase(), { ...readOnly, outputs: [order.items[0]!.item_id] }).result;
    expect(withOutputs.passed).toBe(true);
    expect(withOutputs.warnings).toBeUndefined();
    expect(isJudgeRequired(withOutputs)).toBe(false);
    // Outputs no tool result holds (policy words) prove nothing, as the grader judges them: judge-required.
    const policyWords = checkExecution(domain, retailBase(), { ...readOnly, outputs: ['ordered by mistake'] }).result;
    expect(isJudgeRequired(policyWords)).toBe(true);
  });

  it("accepts a gold that changes nothing but ends with a transfer: the agent's transfer is the evidence", () => {
    const transferOnly = testBlueprint({ actions: [identifyByEmail(), { name: 'transfer_to_human_agents', arguments: { summary: 'the user wants a refund to a card that is not on file' } }] });
    const { result } = checkExecution(domain, retailBase(), transferOnly);
    expect(result).toMatchObject({ passed: true, problems: [] });
    expect(result.warnings).toBeUndefined();
    expect(isJudgeRequired(result)).toBe(false);
    // A transfer that is not the gold's last action proves nothing.
    const transferFirst = testBlueprint({ actions: [{ name: 'transfer_to_human_agents', arguments: { summary: 'x' } }, identifyByEmail()] });
    expect(isJudgeRequired(checkExecution(domain, retailBase(), transferFirst).result)).toBe(true);
  });

  it('records no judge requirement for a blueprint whose execution failed', () => {
    const failing = testBlueprint({ actions: [{ name: 'get_order_details', arguments: { order_id: '#W0000000' } }] });
    const { result } = checkExecution(domain, retailBase(), failing);
    expect(result.passed).toBe(false);
    expect(result.warnings).toBeUndefined();
    expect(isJudgeRequired(result)).toBe(false);
  });
});
