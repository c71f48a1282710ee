import { describe, expect, it } from 'vitest';
import { getDomain } from '../../../domains/index.ts';
import { readDataFolder } from '../../../src/domain-kit/index.ts';
import { gradeTrajectory } from '../../../src/rollout/acceptance.ts';
import { hasTauBench, paritySplits, readReference, tauBenchDataFolder, tauBenchMissing, type ExpectedHashes, type TauTask } from '../../support/tau-bench-reference.ts';

describe.skipIf(!hasTauBench)("tau-bench parity of the verdict's state: grading compares change sets, the hashes it carries are tau-bench's", () => {
  for (const { domain: name, split, tasks: tasksFile, expected: expectedFile } of paritySplits) {
    it(`${name} ${split}: every task's gold hash, and whether it changes the state`, () => {
      const domain = getDomain(name);
      const folder = tauBenchDataFolder(name);
      const base = domain.createBase(domain.checkData(readDataFolder(folder, domain.collections), folder));
      const expected = readReference<ExpectedHashes>(expectedFile);
      const expectedByTask = new Map(expected.tasks.map((task) => [task.task_index, task.hash]));
      const mismatched: number[] = [];
      for (const task of readReference<TauTask[]>(tasksFile)) {
        // tau-bench runs every action and lets a failing one change nothing: expectError keeps that.
        const actions = task.actions.map((action) => ({ name: action.name, arguments: action.kwargs, expectError: true }));
        const verdict = gradeTrajectory({ domain, base, blueprint: { actions, outputs: task.outputs }, messages: [], termination: 'user-stop' });
        const hash = expectedByTask.get(task.task_index);
        const { goldHash, finalHash, match, goldChangesState } = verdict.state;
        // The agent did nothing: its state is the base, equal to the gold's exactly when the gold changes nothing.
        if (goldHash !== hash || finalHash !== expected.initial_hash || match === goldChangesState || goldChangesState !== (hash !== expected.initial_hash)) mismatched.push(task.task_index);
      }
      expect(mismatched, "tasks whose verdict's state differs from tau-bench's").toEqual([]);
    });
  }
});

describe.skipIf(hasTauBench)("tau-bench parity of the verdict's state", () => {
  it.skip(tauBenchMissing, () => {});
});
