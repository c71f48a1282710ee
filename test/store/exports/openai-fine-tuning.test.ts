import { describe, expect, it } from 'vitest';
import { toOpenAiFineTuningRecord } from '../../../src/store/index.ts';
import { goldenContext, goldenTools, keptTrajectory, parallelCallTrajectory, readFixture, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { serializedText } from './serialize.ts';

describe('the OpenAI fine-tuning export', () => {
  it('writes the golden fixture exactly', async () => {
    const records = [keptTrajectory(), rejectedTrajectory()].map((trajectory) => toOpenAiFineTuningRecord(trajectory, goldenContext));
    expect(await serializedText(records, 'jsonl')).toBe(readFixture('expected-openai.jsonl'));
  });

  it('keeps the messages as stored, parallel tool calls included, and the tools as function tools', () => {
    const trajectory = parallelCallTrajectory();
    const record = toOpenAiFineTuningRecord(trajectory, goldenContext);
    expect(record.messages).toEqual(trajectory.messages);
    expect(record.messages[4]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'find_user_id_by_email', arguments: '{"email": "chet.klein5490@example.com"}' } },
        { id: 'call_2', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id": "#W4049349"}' } },
      ],
    });
    expect(record.tools).toEqual(goldenTools);
  });

  it('puts the domain policy first when the trajectory stored no system message', () => {
    const trajectory = keptTrajectory();
    trajectory.messages = trajectory.messages.slice(1);
    const record = toOpenAiFineTuningRecord(trajectory, goldenContext);
    expect(record.messages[0]).toEqual({ role: 'system', content: goldenContext.policy });
    expect(record.messages.slice(1)).toEqual(trajectory.messages);
  });
});
