import { describe, expect, it } from 'vitest';
import { getDomain } from '../../domains/index.ts';
import { DomainState, readDataFolder, replayActions } from '../../src/domain-kit/index.ts';
import { hasTauBench, paritySplits, readReference, tauBenchDataFolder, tauBenchMissing, type ExpectedHashes, type TauTask } from '../support/tau-bench-reference.ts';

describe.skipIf(!hasTauBench)('tau-bench parity: every task reproduces its final-state hash', () => {
  for (const { domain: name, split, tasks: tasksFile, expected: expectedFile } of paritySplits) {
    it(`${name} ${split}`, () => {
      const domain = getDomain(name);
      const folder = tauBenchDataFolder(name);
      const base = domain.createBase(domain.checkData(readDataFolder(folder, domain.collections), folder));
      const expected = readReference<ExpectedHashes>(expectedFile);
      expect(base.hash()).toBe(expected.initial_hash);
      const tasks = readReference<TauTask[]>(tasksFile);
      const expectedByTask = new Map(expected.tasks.map((task) => [task.task_index, task.hash]));
      const mismatched: number[] = [];
      for (const task of tasks) {
        const state = new DomainState(base);
        replayActions(domain, state, task.actions.map((action) => ({ name: action.name, arguments: action.kwargs })));
        if (state.hash() !== expectedByTask.get(task.task_index)) mismatched.push(task.task_index);
      }
      expect(tasks).toHaveLength(expected.tasks.length);
      expect(mismatched, `tasks whose final state differs from tau-bench's`).toEqual([]);
    });
  }
});

describe.skipIf(hasTauBench)('tau-bench parity', () => {
  it.skip(tauBenchMissing, () => {});
});
