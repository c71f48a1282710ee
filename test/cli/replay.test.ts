import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTauBench, readReference, tauBenchDataFolder, tauBenchFolder, type ExpectedHashes } from '../support/tau-bench-reference.ts';
import { runInterplay } from '../support/run-cli.ts';

describe('interplay replay', () => {
  it.skipIf(!hasTauBench)('prints one {"task_index", "hash"} line per tau-bench task, matching the expected hashes', async () => {
    const run = await runInterplay(['replay', '--domain', 'airline', '--data', tauBenchDataFolder('airline'), '--tau-tasks', `${tauBenchFolder}tau-bench/airline/airline_tasks_dev.json`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = readReference<ExpectedHashes>('expected/airline_dev_state_hashes.json');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual(expected.tasks.map((task) => `{"task_index": ${task.task_index}, "hash": "${task.hash}"}`));
  });

  it('refuses bad input with one clear line and a non-zero exit', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-replay-'));
    writeFileSync(join(folder, 'tasks.json'), JSON.stringify([{ user_id: 'u', instruction: 'x', actions: [{ name: 'think' }] }]));
    const task = (actions: unknown[]) => JSON.stringify([{ user_id: 'u', instruction: 'x', actions }]);
    writeFileSync(join(folder, 'unknown-tool.json'), task([{ name: 'think', kwargs: { thought: 'hm' } }, { name: 'launch_rocket', kwargs: {} }]));
    writeFileSync(join(folder, 'bad-argument.json'), task([{ name: 'cancel_pending_order', kwargs: { orderid: '#W1', reason: 'no longer needed' } }]));
    writeFileSync(join(folder, 'good-tasks.json'), JSON.stringify([{ user_id: 'u', instruction: 'x', actions: [] }]));
    const cases: Array<[string[], RegExp]> = [
      [['replay', '--domain', 'shop', '--tau-tasks', join(folder, 'tasks.json')], /unknown domain "shop" \(known: retail, airline\)/],
      [['replay', '--domain', 'retail', '--tau-tasks', join(folder, 'tasks.json')], /tasks.json: not a valid tau-bench task file\n\s+row 0 \(no task_index\): actions\.0\.kwargs: /],
      [['replay', '--domain', 'retail', '--tau-tasks', join(folder, 'missing.json')], /missing.json: cannot read the task file/],
      [['replay', '--domain', 'retail', '--data', join(folder, 'nowhere'), '--tau-tasks', join(folder, 'good-tasks.json')], /nowhere: no such data folder/],
      [['replay'], /give --tau-tasks <file> or blueprint files/],
      [['replay', '--domain', 'retail', '--tau-tasks', join(folder, 'unknown-tool.json')], /task 0, action 1: unknown tool "launch_rocket"/],
      [['replay', '--domain', 'retail', '--tau-tasks', join(folder, 'bad-argument.json')], /task 0, action 0: invalid arguments for cancel_pending_order: unexpected argument "orderid"/],
      [['replay', '--tau-tasks', join(folder, 'tasks.json')], /--tau-tasks needs --domain/],
      [['replay', join(folder, 'tasks.json')], /tasks.json: not a valid blueprint/],
    ];
    for (const [argv, message] of cases) {
      const run = await runInterplay(argv);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });
});
