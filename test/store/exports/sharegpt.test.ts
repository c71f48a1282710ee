import { describe, expect, it } from 'vitest';
import { getDomain } from '../../../domains/index.ts';
import { toShareGptRecord, type ShareGptTurn } from '../../../src/store/index.ts';
import { goldenContext, keptTrajectory, parallelCallTrajectory, readFixture, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { serializedText } from './serialize.ts';

/** LLaMA-Factory's ShareGPT rule: human/observation at even positions, gpt/function_call at odd ones. */
function alternates(turns: readonly ShareGptTurn[]): boolean {
  return turns.every((turn, index) => (index % 2 === 0 ? ['human', 'observation'] : ['gpt', 'function_call']).includes(turn.from));
}

describe('the ShareGPT export (APIGen-MT-5k layout)', () => {
  it('writes the golden fixture exactly', async () => {
    const records = [keptTrajectory(), rejectedTrajectory()].map((trajectory) => toShareGptRecord(trajectory, goldenContext));
    expect(await serializedText(records, 'json-array')).toBe(readFixture('expected-sharegpt.json'));
  });

  it('maps roles to human, gpt, function_call ({name, arguments} as an object) and observation', () => {
    const record = toShareGptRecord(keptTrajectory(), goldenContext);
    expect(Object.keys(record)).toEqual(['conversations', 'system', 'tools']);
    expect(record.conversations.map((turn) => turn.from)).toEqual([
      'human', 'gpt', 'human', 'function_call', 'observation', 'function_call', 'observation', 'gpt', 'human', 'function_call', 'observation', 'gpt', 'human',
    ]);
    expect(JSON.parse(record.conversations[9]!.value)).toEqual({ name: 'cancel_pending_order', arguments: { order_id: '#W4049349', reason: 'no longer needed' } });
    expect(record.conversations.at(-1)).toEqual({ from: 'human', value: "No, that's everything. Thanks! ###STOP###" });
    expect(alternates(record.conversations.slice(0, -1))).toBe(true);
  });

  it('lays out parallel tool calls as one function_call per call, each followed by its own observation', () => {
    const record = toShareGptRecord(parallelCallTrajectory(), goldenContext);
    const kept = toShareGptRecord(keptTrajectory(), goldenContext);
    expect(record.conversations).toEqual(kept.conversations);
    expect(record.conversations.slice(3, 7)).toEqual([
      { from: 'function_call', value: '{"name": "find_user_id_by_email", "arguments": {"email": "chet.klein5490@example.com"}}' },
      { from: 'observation', value: 'chet_klein_6896' },
      { from: 'function_call', value: '{"name": "get_order_details", "arguments": {"order_id": "#W4049349"}}' },
      { from: 'observation', value: expect.stringContaining('"status": "pending"') as unknown as string },
    ]);
  });

  it('keeps arguments that are not JSON as the text the model wrote', () => {
    const trajectory = keptTrajectory();
    const call = trajectory.messages[4];
    if (call?.role !== 'assistant' || !call.tool_calls?.[0]) throw new Error('fixture changed');
    call.tool_calls[0].function.arguments = '{"email": chet';
    expect(toShareGptRecord(trajectory, goldenContext).conversations[3]).toEqual({
      from: 'function_call',
      value: '{"name": "find_user_id_by_email", "arguments": "{\\"email\\": chet"}',
    });
  });

  it('uses the domain policy as the system prompt when the trajectory stored none', () => {
    const trajectory = keptTrajectory();
    trajectory.messages = trajectory.messages.slice(1);
    expect(toShareGptRecord(trajectory, goldenContext).system).toBe(goldenContext.policy);
  });

  it('lists the real retail tools as {name, description, parameters} entries', () => {
    const retail = getDomain('retail');
    const record = toShareGptRecord(keptTrajectory(), { policy: retail.policy, tools: retail.toolSchemas() });
    const tools = JSON.parse(record.tools) as Array<Record<string, unknown>>;
    expect(tools.map((tool) => tool.name)).toEqual(retail.tools.map((tool) => tool.name));
    for (const tool of tools) expect(Object.keys(tool)).toEqual(['name', 'description', 'parameters']);
    expect(record.tools.startsWith('[{"name": ')).toBe(true);
  });
});
