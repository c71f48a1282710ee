import { describe, expect, it } from 'vitest';
import { batchReport, formatBatchReport } from '../../../src/blueprints/generation/batch-report.ts';
import { acceptedBlueprint, fakeValidator } from './generation-fixtures.ts';

describe('the batch report', () => {
  it('counts acceptance, unusable replies and rejections by stage, and prints rates per stage and round', async () => {
    const draft = acceptedBlueprint({ id: 'x', userId: 'u', status: 'draft' });
    const results = [
      { validation: await fakeValidator().validate(draft) },
      { validation: await fakeValidator().validate(draft) },
      { validation: await fakeValidator({ accept: false, failAt: 'execution' }).validate(draft) },
      { validation: await fakeValidator({ accept: false, failAt: 'policy' }).validate(draft) },
      { problem: 'the generator gave no usable reply' },
    ];
    const report = batchReport(results);
    expect(report).toMatchObject({ attempted: 5, accepted: 2, unusableReplies: 1, rejectedByStage: { execution: 1, policy: 1 } });
    expect(report.acceptance.byStage.find((stage) => stage.stage === 'execution')).toMatchObject({ reached: 4, passed: 3 });
    const text = formatBatchReport(report);
    expect(text).toContain('accepted 2 of 5; 1 without a usable generator reply; rejected at execution 1, policy 1');
    expect(text).toContain('execution  75.0% (3/4)');
    expect(text).toContain('committee  skipped (4)');
    expect(text).toContain('round 0: +2, 2 in all (50.0%)');
  });
});
