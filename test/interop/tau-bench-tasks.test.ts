import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blueprintSchema } from '../../src/blueprints/blueprint.ts';
import { blueprintToTask, readTauBenchTasks, taskToBlueprint } from '../../src/interop/tau-bench-tasks.ts';

const row = (index: number, overrides: Record<string, unknown> = {}) => ({
  task_index: index,
  annotator: 0,
  user_id: 'chet_klein_6896',
  instruction: 'Your email is chet.klein5490@example.com. Cancel order #W4049349.',
  actions: [{ name: 'cancel_pending_order', kwargs: { order_id: '#W4049349', reason: 'ordered by mistake' } }],
  outputs: [],
  ...overrides,
});

function taskFile(rows: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'interplay-tasks-')), 'retail_tasks_dev.json');
  writeFileSync(file, JSON.stringify(rows));
  return file;
}

describe('readTauBenchTasks', () => {
  it('reads rows, a missing task_index taking the row position', () => {
    const { task_index: _, ...noIndex } = row(0);
    expect(readTauBenchTasks(taskFile([row(7), noIndex])).map((task) => task.task_index)).toEqual([7, 1]);
  });

  it('names every problem by task index and field, all at once', () => {
    const file = taskFile([row(0, { instruction: '' }), row(1, { outputs: ['', '42'] }), row(0), row(3, { actions: [{ name: '', kwargs: {} }] }), row(4, { user_id: 5 })]);
    expect(() => readTauBenchTasks(file)).toThrow(
      [
        `${file}: not a valid tau-bench task file`,
        '  task_index 0: instruction: is empty',
        '  task_index 1: outputs[0]: is empty',
        '  task_index 3: actions[0].name: is empty',
        '  task_index 4: user_id: Invalid input: expected string, received number',
        '  task_index 0: used by rows 0, 2 (each task index may appear once)',
      ].join('\n'),
    );
  });
});

describe('taskToBlueprint and blueprintToTask', () => {
  const identification = { name: 'find_user_id_by_email', arguments: { email: 'chet.klein5490@example.com' } };

  it('puts the added identification first, says so in the provenance, and leaves it out when giving the task back', () => {
    const [task] = readTauBenchTasks(taskFile([row(12)]));
    const blueprint = taskToBlueprint(task!, { domain: 'retail', source: 'tau-bench', split: 'dev', createdAt: '2026-01-02T03:04:05.000Z', identification });
    expect(blueprintSchema.parse(blueprint)).toEqual(blueprint);
    expect(blueprint.id).toBe('tau-retail-dev-0012');
    expect(blueprint.actions.map((action) => action.name)).toEqual(['find_user_id_by_email', 'cancel_pending_order']);
    expect(blueprint.provenance).toEqual({ kind: 'imported', source: 'tau-bench', split: 'dev', taskIndex: 12, identificationAdded: true });
    const { task_index: _, annotator: __, ...original } = row(12);
    expect(blueprintToTask(blueprint)).toEqual(original);
  });

  it('without an added call, gives the actions back as they are', () => {
    const [task] = readTauBenchTasks(taskFile([row(3, { actions: [{ name: 'find_user_id_by_email', kwargs: identification.arguments }] })]));
    const blueprint = taskToBlueprint(task!, { domain: 'retail', source: 'tau-bench', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(blueprint.id).toBe('tau-retail-0003');
    expect(blueprintToTask(blueprint).actions).toEqual([{ name: 'find_user_id_by_email', kwargs: identification.arguments }]);
  });
});
