import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBlueprintFile } from '../../src/blueprints/blueprint-files.ts';
import { hasTauBench, readReference, tauBenchDataFolder, tauBenchFolder, type ExpectedHashes, type TauTask } from '../support/tau-bench-reference.ts';
import { runInterplay } from '../support/run-cli.ts';

describe.skipIf(!hasTauBench)('interplay import tau-bench', () => {
  it('copies the data unchanged and turns every task into a blueprint that replays to the expected hash', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'interplay-import-')), 'retail');
    const tasksFile = `${tauBenchFolder}tau-bench/retail/retail_tasks_dev.json`;
    const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', tauBenchDataFolder('retail'), '--tasks', tasksFile, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('imported 1000 orders, 50 products, 500 users and 20 blueprints');
    for (const collection of ['orders', 'products', 'users']) {
      const original = JSON.parse(readFileSync(join(tauBenchDataFolder('retail'), `${collection}.json`), 'utf8'));
      expect(JSON.parse(readFileSync(join(out, 'data', `${collection}.json`), 'utf8'))).toEqual(original);
    }
    const tasks = readReference<TauTask[]>('tau-bench/retail/retail_tasks_dev.json');
    const files = readdirSync(join(out, 'blueprints')).sort();
    expect(files).toHaveLength(tasks.length);
    const first = readBlueprintFile(join(out, 'blueprints', files[0] as string));
    expect(first).toMatchObject({
      id: 'tau-retail-dev-0000',
      domain: 'retail',
      userId: tasks[0]?.user_id,
      instruction: tasks[0]?.instruction,
      actions: tasks[0]?.actions.map((action) => ({ name: action.name, arguments: action.kwargs })),
      provenance: { kind: 'imported', source: 'tau-bench', split: 'dev', taskIndex: 0 },
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    const replay = await runInterplay(['replay', '--data', join(out, 'data'), join(out, 'blueprints')]);
    const expected = readReference<ExpectedHashes>('expected/retail_dev_state_hashes.json');
    expect(replay.stdout.trim().split('\n')).toEqual(expected.tasks.map((task) => `{"id": "tau-retail-dev-${String(task.task_index).padStart(4, '0')}", "hash": "${task.hash}"}`));
  });

  it('writes nothing when the data, the tasks or the destination are wrong', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'interplay-import-'));
    const badTasks = join(scratch, 'bad-tasks.json');
    writeFileSync(badTasks, JSON.stringify([{ user_id: 'u', instruction: 'i', actions: [{ name: 'launch_rocket', kwargs: {} }], outputs: [] }]));
    const badData = join(scratch, 'bad-data');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(badData);
    for (const collection of ['orders', 'products', 'users']) writeFileSync(join(badData, `${collection}.json`), readFileSync(join(tauBenchDataFolder('retail'), `${collection}.json`)));
    const orders = JSON.parse(readFileSync(join(badData, 'orders.json'), 'utf8'));
    orders['#W2378156'].items[0].price = 'free';
    writeFileSync(join(badData, 'orders.json'), JSON.stringify(orders));
    const cases: Array<[string[], RegExp]> = [
      [['--data', tauBenchDataFolder('retail'), '--tasks', badTasks], /task 0: unknown tool "launch_rocket"/],
      [['--data', badData], /orders\["#W2378156"\]\.items\.0\.price: /],
      [['--data', join(scratch, 'nowhere')], /nowhere: no such data folder/],
      [['--data', tauBenchDataFolder('airline')], /missing orders.json/],
    ];
    for (const [extra, message] of cases) {
      const out = join(scratch, 'out');
      const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', ...extra, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.partial`)).toBe(false);
    }
    const taken = join(scratch, 'taken');
    mkdirSync(taken);
    const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', tauBenchDataFolder('retail'), '--out', taken]);
    expect(run.stderr).toMatch(/taken: already exists \(pass --force to replace it\)/);
    expect(readdirSync(taken)).toEqual([]);
  });
});
