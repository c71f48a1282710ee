import { describe, expect, it } from 'vitest';
import { trajectorySchema, type Trajectory } from '../../../src/rollout/trajectory.ts';
import { toOpenAiFineTuningRecord } from '../../../src/store/index.ts';
import { goldenContext, goldenTools, keptTrajectory, parallelCallTrajectory, readFixture, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { serializedText } from './serialize.ts';

const record = (trajectory: Trajectory, context = goldenContext) => toOpenAiFineTuningRecord({ trajectory }, context);
const v2Trajectory = () => trajectorySchema.parse(JSON.parse(readFixture('trajectory-v2.json')));

describe('the OpenAI fine-tuning export', () => {
  it('writes the golden fixture exactly', async () => {
    const records = [keptTrajectory(), rejectedTrajectory()].map((trajectory) => record(trajectory));
    expect(await serializedText(records, 'jsonl')).toBe(readFixture('expected-openai.jsonl'));
  });

  it('keeps the conversation as the agent had it, parallel tool calls included, ending on the agent\'s last turn, and the tools as function tools', () => {
    const trajectory = parallelCallTrajectory();
    const fineTuning = record(trajectory);
    expect(fineTuning.messages).toEqual(trajectory.messages.slice(0, -1));
    expect(fineTuning.messages.at(-1)).toMatchObject({ role: 'assistant', content: expect.stringContaining('anything else') as unknown as string });
    expect(fineTuning.messages[4]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'find_user_id_by_email', arguments: '{"email": "chet.klein5490@example.com"}' } },
        { id: 'call_2', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id": "#W4049349"}' } },
      ],
    });
    expect(fineTuning.tools).toEqual(goldenTools);
  });

  it('drops protocol notes: marked ones, and in a v1 trajectory every system message after the first', () => {
    const fineTuning = record(v2Trajectory());
    expect(fineTuning.messages).toEqual(record(keptTrajectory()).messages);
    expect(JSON.stringify(fineTuning)).not.toMatch(/Protocol note|"note"|"reasoning/);
    const v1 = keptTrajectory();
    v1.messages.splice(6, 0, { role: 'system', content: 'Harness: reply with text or tool calls, not both.' });
    expect(record(v1).messages).toEqual(record(keptTrajectory()).messages);
    expect(record(v1).messages.filter((message) => message.role === 'system')).toHaveLength(1);
  });

  it('keeps the reasoning only with --include-reasoning, as the assistant\'s reasoning_content', () => {
    const trajectory = v2Trajectory();
    const call = trajectory.messages[4];
    if (call?.role !== 'assistant' || !call.reasoning) throw new Error('fixture changed');
    const withReasoning = record(trajectory, { ...goldenContext, includeReasoning: true });
    expect(withReasoning.messages[4]).toEqual({ role: 'assistant', content: null, tool_calls: call.tool_calls, reasoning_content: call.reasoning });
    expect(withReasoning.messages.filter((message) => 'reasoning_content' in message)).toHaveLength(1);
    expect(JSON.stringify(withReasoning)).not.toMatch(/"reasoning"|toolCallsFromText|"note"/);
  });

  it('puts the domain policy first when the trajectory stored no system message, and --policy-text over either', () => {
    const trajectory = keptTrajectory();
    trajectory.messages = trajectory.messages.slice(1);
    const fineTuning = record(trajectory);
    expect(fineTuning.messages[0]).toEqual({ role: 'system', content: goldenContext.policy });
    expect(fineTuning.messages.slice(1)).toEqual(trajectory.messages.slice(0, -1));
    expect(record(keptTrajectory(), { ...goldenContext, systemPrompt: '# tau-bench wiki' }).messages[0]).toEqual({ role: 'system', content: '# tau-bench wiki' });
  });
});
