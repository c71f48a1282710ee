import { describe, expect, it } from 'vitest';
import { ScriptedChatModel, textReply } from '../../src/models/index.ts';
import { createConversationJudge } from '../../src/rollout/conversation-judge.ts';

const conversation = [
  { role: 'system' as const, content: 'policy' },
  { role: 'user' as const, content: 'Where is my order?' },
  { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c', type: 'function' as const, function: { name: 'get_order_details', arguments: '{}' } }] },
  { role: 'tool' as const, tool_call_id: 'c', content: '{"status": "delivered"}' },
  { role: 'assistant' as const, content: 'It was delivered.' },
];

describe('the conversation judge', () => {
  it('shows the judge the instruction and the visible conversation, and reads its verdict line', async () => {
    const model = new ScriptedChatModel([textReply('The agent answered correctly.\nVERDICT: PASS')]);
    const judgement = await createConversationJudge(model, 'Ask where your order is.')(conversation);
    expect(judgement).toEqual({ model: model.id, passed: true, reasoning: 'The agent answered correctly.' });
    const prompt = model.calls[0]?.messages[0]?.content ?? '';
    expect(prompt).toContain('Instruction: Ask where your order is.');
    expect(prompt).toContain('Customer: Where is my order?\nAgent: It was delivered.');
    expect(prompt).not.toContain('get_order_details');
  });

  it('fails on FAIL and on a reply without a verdict line: unverifiable is never a pass', async () => {
    expect((await createConversationJudge(new ScriptedChatModel([textReply('Wrong facts.\nVERDICT: FAIL')]), 'x')(conversation)).passed).toBe(false);
    const silent = await createConversationJudge(new ScriptedChatModel([textReply('Looks fine to me.')]), 'x')(conversation);
    expect(silent).toMatchObject({ passed: false, reasoning: expect.stringContaining('no verdict line') });
  });
});
