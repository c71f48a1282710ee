import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/models/index.ts';
import { agentSaidStop, anyOf, repeatedCall, tokenBudget } from '../../src/rollout/stop-conditions.ts';

const stats = { turns: 0, toolCalls: 0, toolErrors: 0, protocolErrors: 0, waitNudges: 0 };
const call = (id: string, args: string, name = 'get_order_details'): ChatMessage => ({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: args } }] });
const result = (id: string): ChatMessage => ({ role: 'tool', tool_call_id: id, content: 'ok' });
const check = (messages: ChatMessage[], limit = 3) => repeatedCall(limit)({ messages, stats });

describe('stop conditions', () => {
  it('repeatedCall: the same name and canonical arguments, answered, n times in a row', () => {
    const same = [call('a', '{"order_id":"#W1","x":1}'), result('a'), call('b', '{ "x": 1, "order_id": "#W1" }'), result('b'), call('c', '{"order_id":"#W1","x":1}'), result('c')];
    expect(check(same)?.reason).toBe('repeated-call');
    // The third call has not run yet: not counted until it is answered.
    expect(check(same.slice(0, 5))).toBeUndefined();
    // Other arguments, or another tool, break the row.
    expect(check([...same.slice(0, 4), call('c', '{"order_id":"#W2","x":1}'), result('c')])).toBeUndefined();
    expect(check([...same.slice(0, 4), call('c', '{"order_id":"#W1","x":1}', 'get_user_details'), result('c')])).toBeUndefined();
    // The human speaking in between breaks it; a protocol note does not.
    expect(check([...same.slice(0, 2), { role: 'user', content: 'look again' }, ...same.slice(2)])).toBeUndefined();
    expect(check([...same.slice(0, 2), { role: 'user', content: 'note', note: 'protocol' }, ...same.slice(2)])?.reason).toBe('repeated-call');
  });

  it('tokenBudget counts every role; agentSaidStop reads only the agent content; anyOf takes the first', () => {
    const usage = { agent: { promptTokens: 400, completionTokens: 100, totalTokens: 500, calls: 2, model: 'a' }, human: { promptTokens: 90, completionTokens: 10, totalTokens: 100, calls: 2, model: 'h' } };
    expect(tokenBudget(600)({ messages: [], stats, usage })).toEqual({ reason: 'token-budget', detail: 'spent 600 tokens (budget 600)' });
    expect(tokenBudget(601)({ messages: [], stats, usage })).toBeUndefined();
    expect(agentSaidStop()({ messages: [{ role: 'assistant', content: 'Bye ###TRANSFER###' }], stats })?.reason).toBe('agent-stop');
    expect(agentSaidStop()({ messages: [{ role: 'assistant', content: 'Bye', reasoning: '###STOP###' }], stats })).toBeUndefined();
    expect(agentSaidStop()({ messages: [{ role: 'user', content: '###STOP###' }], stats })).toBeUndefined();
    expect(anyOf(tokenBudget(1), agentSaidStop())({ messages: [{ role: 'assistant', content: '###STOP###' }], stats, usage })?.reason).toBe('token-budget');
  });
});
