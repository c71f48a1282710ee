import { describe, expect, it } from 'vitest';
import { toTauBenchResult } from '../../../src/store/index.ts';
import { keptTrajectory, readFixture, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { envRunResultSchema } from './env-run-result-schema.ts';
import { itemOf, soundbarBlueprint } from './export-fixtures.ts';
import { serializedText } from './serialize.ts';

describe('the tau-bench results export', () => {
  it('writes the golden fixture exactly', async () => {
    const records = [keptTrajectory(), rejectedTrajectory()].map((trajectory) => toTauBenchResult(itemOf(trajectory)));
    expect(await serializedText(records, 'json-array')).toBe(readFixture('expected-tau-bench.json'));
  });

  it("loads as tau-bench's EnvRunResult: an integer task id, the task and the reward info filled", () => {
    const golden = JSON.parse(readFixture('expected-tau-bench.json')) as unknown[];
    for (const entry of golden) expect(envRunResultSchema.safeParse(entry).success).toBe(true);
    // What the export wrote before: a string task id and no task or reward info. tau-bench's model refuses it.
    expect(envRunResultSchema.safeParse({ ...(golden[0] as object), task_id: 'retail-cancel-soundbar-order' }).success).toBe(false);
  });

  it('has tau-bench EnvRunResult fields: reward 1 for a kept trajectory, 0 otherwise', () => {
    const kept = toTauBenchResult(itemOf(keptTrajectory()));
    expect(Object.keys(kept)).toEqual(['task_id', 'reward', 'info', 'traj', 'trial']);
    expect(kept).toMatchObject({ task_id: 0, reward: 1, trial: 0, info: { blueprint_id: 'retail-cancel-soundbar-order', trajectory_id: 'retail-cancel-soundbar-order#0', termination: { reason: 'user-stop' } } });
    expect(kept.info.reward_info).toEqual({ reward: 1, info: { r_actions: 1, gt_data_hash: keptTrajectory().verdict.state.goldHash }, actions: kept.info.task.actions });
    expect(kept.traj).toEqual(keptTrajectory().messages);
    expect(toTauBenchResult(itemOf(rejectedTrajectory()))).toMatchObject({ reward: 0, trial: 1, info: { reward_info: { reward: 0, info: { r_actions: 0 } }, verdict: { kept: false, reason: 'not-user-stop' } } });
  });

  it('leaves every reasoning out of traj, the agent\'s and the human\'s (the format has no --include-reasoning)', () => {
    const trajectory = keptTrajectory();
    const messages = trajectory.messages.map((message) => (message.role === 'assistant' ? { ...message, reasoning: 'agent thought' } : message.role === 'user' ? { ...message, reasoning: 'human thought' } : message));
    const result = toTauBenchResult(itemOf({ ...trajectory, messages }));
    expect(JSON.stringify(result.traj)).not.toMatch(/agent thought|human thought|"reasoning"/);
    expect(result.traj).toEqual(trajectory.messages);
  });

  it("gives a task imported from tau-bench its own index and actions (without the identification call the import added), and the outputs' check", () => {
    const imported = {
      ...soundbarBlueprint(),
      id: 'tau-retail-dev-0007',
      outputs: ['437.44'],
      provenance: { kind: 'imported' as const, source: 'tau-bench', split: 'dev', taskIndex: 7, identificationAdded: true as const },
    };
    const trajectory = keptTrajectory();
    const verdict = { ...trajectory.verdict, outputs: { expected: ['437.44'], found: ['437.44'], missing: [] } };
    const result = toTauBenchResult({ trajectory, verdict, blueprint: imported, taskId: 7 });
    expect(result.task_id).toBe(7);
    expect(result.info.task).toEqual({
      user_id: 'chet_klein_6896',
      actions: imported.actions.slice(1).map((action) => ({ name: action.name, kwargs: action.arguments })),
      instruction: imported.instruction,
      outputs: ['437.44'],
    });
    expect(result.info.reward_info.info).toEqual({ r_actions: 1, gt_data_hash: verdict.state.goldHash, r_outputs: 1, outputs: { '437.44': true } });
    expect(envRunResultSchema.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(true);
  });
});
