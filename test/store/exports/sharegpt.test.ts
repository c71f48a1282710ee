import { describe, expect, it } from 'vitest';
import { getDomain } from '../../../domains/index.ts';
import { toShareGptRecord, type ShareGptTurn } from '../../../src/store/index.ts';
import { trajectorySchema, type Trajectory } from '../../../src/rollout/trajectory.ts';
import { goldenContext, keptTrajectory, parallelCallTrajectory, readFixture, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { serializedText } from './serialize.ts';

const record = (trajectory: Trajectory, context = goldenContext) => toShareGptRecord({ trajectory }, context);
const v2Trajectory = () => trajectorySchema.parse(JSON.parse(readFixture('trajectory-v2.json')));

/** LLaMA-Factory's ShareGPT rule: human/observation at even positions, gpt/function_call at odd ones. */
function alternates(turns: readonly ShareGptTurn[]): boolean {
  return turns.every((turn, index) => (index % 2 === 0 ? ['human', 'observation'] : ['gpt', 'function_call']).includes(turn.from));
}

describe('the ShareGPT export (APIGen-MT-5k layout)', () => {
  it('writes the golden fixture exactly', async () => {
    const records = [keptTrajectory(), rejectedTrajectory()].map((trajectory) => record(trajectory));
    expect(await serializedText(records, 'json-array')).toBe(readFixture('expected-sharegpt.json'));
  });

  it('maps roles to human, gpt, function_call ({name, arguments} as an object) and observation, and ends on the agent\'s last turn', () => {
    const shareGpt = record(keptTrajectory());
    expect(Object.keys(shareGpt)).toEqual(['conversations', 'system', 'tools']);
    expect(shareGpt.conversations.map((turn) => turn.from)).toEqual([
      'human', 'gpt', 'human', 'function_call', 'observation', 'function_call', 'observation', 'gpt', 'human', 'function_call', 'observation', 'gpt',
    ]);
    expect(JSON.parse(shareGpt.conversations[9]!.value)).toEqual({ name: 'cancel_pending_order', arguments: { order_id: '#W4049349', reason: 'no longer needed' } });
    // APIGen-MT-5k rows end on gpt or observation: the closing "###STOP###" turn of the user is left out.
    expect(shareGpt.conversations.at(-1)).toEqual({ from: 'gpt', value: expect.stringContaining('Is there anything else I can help with?') as unknown as string });
    expect(shareGpt.conversations.some((turn) => turn.value.includes('###STOP###'))).toBe(false);
    expect(alternates(shareGpt.conversations)).toBe(true);
  });

  it('ends on an observation when the agent\'s last turn was a tool call (a transfer)', () => {
    const trajectory = keptTrajectory();
    trajectory.messages = trajectory.messages.slice(0, 12);
    expect(record(trajectory).conversations.slice(-2).map((turn) => turn.from)).toEqual(['function_call', 'observation']);
  });

  it('drops protocol notes (marked, or a v1 system message after the first) and reasoning unless asked for', () => {
    const trajectory = v2Trajectory();
    const plain = record(trajectory);
    expect(plain.conversations.map((turn) => turn.value).join('\n')).not.toMatch(/Protocol note|look it u/);
    expect(plain.conversations).toEqual(record(keptTrajectory()).conversations);
    const v1 = keptTrajectory();
    v1.messages.splice(6, 0, { role: 'system', content: 'Harness: reply with text or tool calls, not both.' });
    expect(record(v1).conversations).toEqual(record(keptTrajectory()).conversations);

    const thinking = v2Trajectory();
    const closing = thinking.messages.at(-2);
    if (closing?.role !== 'assistant') throw new Error('fixture changed');
    closing.reasoning = 'The order is cancelled; offer more help.';
    expect(record(thinking).conversations.at(-1)?.value).not.toContain('<think>');
    const withReasoning = record(thinking, { ...goldenContext, includeReasoning: true });
    expect(withReasoning.conversations.at(-1)?.value).toBe(`<think>\nThe order is cancelled; offer more help.\n</think>\n\n${closing.content}`);
    // The reasoning of a message that only called tools has no gpt turn to go in.
    expect(withReasoning.conversations.filter((turn) => turn.value.includes('<think>'))).toHaveLength(1);
    expect(alternates(withReasoning.conversations)).toBe(true);
  });

  it('takes the system prompt and tools from --policy-text and --tool-text when given', () => {
    const texts = record(keptTrajectory(), { ...goldenContext, systemPrompt: '# Retail agent policy (tau-bench wiki)' });
    expect(texts.system).toBe('# Retail agent policy (tau-bench wiki)');
  });

  it('lays out parallel tool calls as one function_call per call, each followed by its own observation', () => {
    const parallel = record(parallelCallTrajectory());
    const kept = record(keptTrajectory());
    expect(parallel.conversations).toEqual(kept.conversations);
    expect(parallel.conversations.slice(3, 7)).toEqual([
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
    expect(record(trajectory).conversations[3]).toEqual({
      from: 'function_call',
      value: '{"name": "find_user_id_by_email", "arguments": "{\\"email\\": chet"}',
    });
  });

  it('uses the domain policy as the system prompt when the trajectory stored none', () => {
    const trajectory = keptTrajectory();
    trajectory.messages = trajectory.messages.slice(1);
    expect(record(trajectory).system).toBe(goldenContext.policy);
  });

  it('lists the real retail tools as {name, description, parameters} entries', () => {
    const retail = getDomain('retail');
    const shareGpt = record(keptTrajectory(), { policy: retail.policy, tools: retail.toolSchemas() });
    const tools = JSON.parse(shareGpt.tools) as Array<Record<string, unknown>>;
    expect(tools.map((tool) => tool.name)).toEqual(retail.tools.map((tool) => tool.name));
    for (const tool of tools) expect(Object.keys(tool)).toEqual(['name', 'description', 'parameters']);
    expect(shareGpt.tools.startsWith('[{"name": ')).toBe(true);
  });
});
