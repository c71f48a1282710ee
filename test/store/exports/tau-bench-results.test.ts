import { describe, expect, it } from 'vitest';
import { toTauBenchResult } from '../../../src/store/index.ts';
import { keptTrajectory, readFixture, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { serializedText } from './serialize.ts';

describe('the tau-bench results export', () => {
  it('writes the golden fixture exactly', async () => {
    const records = [keptTrajectory(), rejectedTrajectory()].map((trajectory) => toTauBenchResult(trajectory));
    expect(await serializedText(records, 'json-array')).toBe(readFixture('expected-tau-bench.json'));
  });

  it('has tau-bench EnvRunResult fields: reward 1 for a kept trajectory, 0 otherwise', () => {
    const kept = toTauBenchResult(keptTrajectory());
    expect(Object.keys(kept)).toEqual(['task_id', 'reward', 'info', 'traj', 'trial']);
    expect(kept).toMatchObject({ task_id: 'retail-cancel-soundbar-order', reward: 1, trial: 0, info: { trajectory_id: 'retail-cancel-soundbar-order#0', termination: { reason: 'user-stop' } } });
    expect(kept.traj).toEqual(keptTrajectory().messages);
    expect(toTauBenchResult(rejectedTrajectory())).toMatchObject({ reward: 0, trial: 1, info: { verdict: { kept: false, reason: 'not-user-stop' } } });
  });
});
