import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import type { ChatMessage } from '../../src/models/index.ts';
import { gradeTrajectory, outputFound } from '../../src/rollout/acceptance.ts';
import { cancelBlueprint, identifyByEmail, pendingOrder, retailBase, testBlueprint } from '../support/default-retail.ts';

const call = (id: string, name: string, args: unknown): ChatMessage => ({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] });
const grade = (blueprint: ReturnType<typeof cancelBlueprint>, messages: ChatMessage[], termination: 'user-stop' | 'transfer' = 'user-stop', judge?: { model: string; passed: boolean; reasoning: string }) =>
  gradeTrajectory({ domain: retail as never, base: retailBase() as never, blueprint, messages, termination, ...(judge ? { judge } : {}) });

describe('acceptance', () => {
  const blueprint = cancelBlueprint();
  const order = pendingOrder();
  const cancel = call('a', 'cancel_pending_order', { order_id: order.order_id, reason: 'no longer needed' });
  const said = (text: string): ChatMessage => ({ role: 'assistant', content: text });

  it("matches outputs as tau-bench does: lower-cased, commas removed from the agent's words", () => {
    expect(outputFound('1234.5', ['Your refund is $1,234.5.'])).toBe(true);
    expect(outputFound('Blue', ['the BLUE one'])).toBe(true);
    expect(outputFound('1,234', ['1,234'])).toBe(false);
  });

  it('keeps a run whose state and outputs match and that the user stopped', () => {
    const verdict = grade(blueprint, [cancel, said(`Refunded ${blueprint.outputs[0]}.`)]);
    expect(verdict).toMatchObject({ kept: true, reason: 'accepted', state: { match: true, diff: { patch: [], rendered: '' } }, outputs: { found: blueprint.outputs, missing: [] }, actionMatch: { goldWrites: 1, matched: 1, agentWrites: 1 } });
  });

  it('names the first failed condition, with the agent-vs-gold diff', () => {
    expect(grade(blueprint, [cancel, said(`Refunded ${blueprint.outputs[0]}.`)], 'transfer').reason).toBe('not-user-stop');
    const wrongReason = grade(blueprint, [call('a', 'cancel_pending_order', { order_id: order.order_id, reason: 'ordered by mistake' }), said(String(blueprint.outputs[0]))]);
    expect(wrongReason).toMatchObject({ kept: false, reason: 'state-mismatch', actionMatch: { goldWrites: 1, matched: 0, agentWrites: 1 } });
    expect(wrongReason.state.diff.patch).toEqual([{ op: 'replace', path: `/orders/${order.order_id}/cancel_reason`, value: 'ordered by mistake' }]);
    expect(wrongReason.state.diff.rendered).toContain('~ cancel_reason: "no longer needed" -> "ordered by mistake"');
    expect(grade(blueprint, [cancel, said('Done.')])).toMatchObject({ reason: 'missing-outputs', outputs: { missing: blueprint.outputs } });
  });

  it('never passes a do-nothing agent on a blueprint whose gold run changes nothing, without a second signal', () => {
    const lookOnly = testBlueprint({ id: 'look', actions: [identifyByEmail(order.user_id), { name: 'get_order_details', arguments: { order_id: order.order_id } }], outputs: [] });
    expect(grade(lookOnly, [said('Hello')])).toMatchObject({ kept: false, reason: 'unverifiable', state: { match: true, goldChangesState: false } });
    expect(grade(lookOnly, [said('Hello')], 'user-stop', { model: 'judge', passed: true, reasoning: 'ok' })).toMatchObject({ kept: true, reason: 'accepted', judge: { passed: true } });
    expect(grade(lookOnly, [said('Hello')], 'user-stop', { model: 'judge', passed: false, reasoning: 'no' }).reason).toBe('judge-rejected');
    const withOutputs = testBlueprint({ id: 'look2', actions: lookOnly.actions, outputs: [order.status] });
    expect(grade(withOutputs, [said(`It is ${order.status}.`)]).kept).toBe(true);
  });

  it('replays only the calls that ran: malformed arguments change nothing', () => {
    const malformed: ChatMessage = { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'cancel_pending_order', arguments: '{"order_id":' } }] };
    expect(grade(blueprint, [malformed, said(String(blueprint.outputs[0]))])).toMatchObject({ reason: 'state-mismatch', actionMatch: { agentWrites: 0 } });
  });
});
