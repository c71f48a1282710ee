import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBlueprintFile } from '../../src/blueprints/blueprint-files.ts';
import { IMPORT_MARKER_FILE } from '../../src/interop/import-folder.ts';
import { hasTauBench, readReference, tauBenchDataFolder, tauBenchFolder, tauBenchMissing, type ExpectedHashes, type TauTask } from '../support/tau-bench-reference.ts';
import { runInterplay } from '../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-import-'));
const devTasks = (domain: 'retail' | 'airline') => `${tauBenchFolder}tau-bench/${domain}/${domain}_tasks_dev.json`;
const importDev = (domain: 'retail' | 'airline', out: string, extra: string[] = []) =>
  runInterplay(['import', 'tau-bench', '--domain', domain, '--data', tauBenchDataFolder(domain), '--tasks', devTasks(domain), '--out', out, ...extra]);

if (!hasTauBench) it.skip(tauBenchMissing, () => {});

describe.skipIf(!hasTauBench)('interplay import tau-bench', () => {
  it('copies the data unchanged and turns every task into a blueprint that starts with the implied identification and replays to the expected hash', async () => {
    const out = join(scratch(), 'retail');
    const run = await importDev('retail', out);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('imported 1000 orders, 50 products, 500 users and 20 blueprints');
    expect(run.stdout).toContain('20 of 20 blueprints start with the identification call their instruction implies');
    for (const collection of ['orders', 'products', 'users']) {
      const original = JSON.parse(readFileSync(join(tauBenchDataFolder('retail'), `${collection}.json`), 'utf8'));
      expect(JSON.parse(readFileSync(join(out, 'data', `${collection}.json`), 'utf8'))).toEqual(original);
    }
    expect(readdirSync(out).sort()).toEqual([IMPORT_MARKER_FILE, 'blueprints', 'data']);
    const tasks = readReference<TauTask[]>('tau-bench/retail/retail_tasks_dev.json');
    const files = readdirSync(join(out, 'blueprints')).sort();
    expect(files).toHaveLength(tasks.length);
    const first = readBlueprintFile(join(out, 'blueprints', files[0] as string));
    // Task 0's instruction gives a name and zip code ("Your name is Olivia Ito and your zip code is 80218").
    expect(tasks[0]?.instruction).toMatch(/^Your name is Olivia Ito and your zip code is 80218\./);
    expect(first).toMatchObject({
      id: 'tau-retail-dev-0000',
      domain: 'retail',
      userId: tasks[0]?.user_id,
      instruction: tasks[0]?.instruction,
      actions: [
        { name: 'find_user_id_by_name_zip', arguments: { first_name: 'Olivia', last_name: 'Ito', zip: '80218' } },
        ...(tasks[0]?.actions.map((action) => ({ name: action.name, arguments: action.kwargs })) ?? []),
      ],
      provenance: { kind: 'imported', source: 'tau-bench', split: 'dev', taskIndex: 0, identificationAdded: true },
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    // Task 1's gives an email: the lookup by email is the one the user can answer.
    expect(readBlueprintFile(join(out, 'blueprints', files[1] as string)).actions[0]).toEqual({ name: 'find_user_id_by_email', arguments: { email: 'omar.lopez1868@example.com' } });
    // The added calls are reads: every blueprint still replays to tau-bench's own final-state hash.
    const replay = await runInterplay(['replay', '--data', join(out, 'data'), join(out, 'blueprints')]);
    const expected = readReference<ExpectedHashes>('expected/retail_dev_state_hashes.json');
    expect(replay.stdout.trim().split('\n')).toEqual(expected.tasks.map((task) => `{"id": "tau-retail-dev-${String(task.task_index).padStart(4, '0')}", "hash": "${task.hash}"}`));
  });

  it('airline blueprints identify the user by the user id the instruction gives, and still replay to the expected hashes', async () => {
    const out = join(scratch(), 'airline');
    const run = await importDev('airline', out);
    expect(run.stderr).toBe('');
    // Tasks 16 and 22 already start with get_user_details of their user: nothing is added to them.
    expect(run.stdout).toContain('23 of 25 blueprints start with the identification call');
    const blueprint = readBlueprintFile(join(out, 'blueprints', 'tau-airline-dev-0000.json'));
    expect(blueprint.actions[0]).toEqual({ name: 'get_user_details', arguments: { user_id: blueprint.userId } });
    expect(blueprint.instruction).toContain(blueprint.userId);
    const untouched = readBlueprintFile(join(out, 'blueprints', 'tau-airline-dev-0016.json'));
    // Its gold sends a certificate for a delayed flight that is neither changed nor cancelled: recorded as a policy exception.
    expect(untouched.provenance).toEqual({
      kind: 'imported',
      source: 'tau-bench',
      split: 'dev',
      taskIndex: 16,
      policyExceptions: [{ rule: 'compensation-eligibility', actionIndex: 1, note: expect.stringContaining("tau-bench's gold breaks this rule") }],
    });
    const replay = await runInterplay(['replay', '--data', join(out, 'data'), join(out, 'blueprints')]);
    const expected = readReference<ExpectedHashes>('expected/airline_dev_state_hashes.json');
    expect(replay.stdout.trim().split('\n')).toEqual(expected.tasks.map((task) => `{"id": "tau-airline-dev-${String(task.task_index).padStart(4, '0')}", "hash": "${task.hash}"}`));
  });

  it("retail train: all 500 blueprints get the identification their instruction implies, and still replay to tau-bench's hashes", async () => {
    const out = join(scratch(), 'retail-train');
    const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', tauBenchDataFolder('retail'), '--tasks', `${tauBenchFolder}tau-bench/retail/retail_tasks_train.json`, '--out', out]);
    expect(run.stdout).toContain('500 of 500 blueprints start with the identification call');
    const replay = await runInterplay(['replay', '--data', join(out, 'data'), join(out, 'blueprints')]);
    const expected = readReference<ExpectedHashes>('expected/retail_train_state_hashes.json');
    expect(replay.stdout.trim().split('\n')).toEqual(expected.tasks.map((task) => `{"id": "tau-retail-train-${String(task.task_index).padStart(4, '0')}", "hash": "${task.hash}"}`));
  });

  it('names the task index and field of duplicate indices, empty fields and unknown users, and writes nothing', async () => {
    const folder = scratch();
    const tasks = readReference<TauTask[]>('tau-bench/retail/retail_tasks_dev.json');
    const write = (name: string, rows: unknown[]) => {
      const file = join(folder, name);
      writeFileSync(file, JSON.stringify(rows));
      return file;
    };
    const cases: Array<[string, RegExp]> = [
      [write('duplicate.json', [tasks[0], { ...tasks[1], task_index: 0 }]), /task_index 0: used by rows 0, 1 \(each task index may appear once\)/],
      [write('empty-instruction.json', [tasks[0], { ...tasks[1], instruction: '  ' }]), /task_index 1: instruction: is empty/],
      [write('empty-output.json', [{ ...tasks[2], outputs: [''] }]), /task_index 2: outputs\[0\]: is empty/],
      [write('empty-user.json', [{ ...tasks[3], user_id: '' }]), /task_index 3: user_id: is empty/],
      [write('no-index.json', [{ ...tasks[4], task_index: undefined, instruction: '' }]), /row 0 \(no task_index\): instruction: is empty/],
      [write('unknown-user.json', [{ ...tasks[5], user_id: 'nobody_0000' }]), /task_index 5: user_id "nobody_0000" is not a user in the data/],
      [write('unknown-tool.json', [{ ...tasks[6], actions: [{ name: 'launch_rocket', kwargs: {} }] }]), /task_index 6: unknown tool "launch_rocket"/],
    ];
    for (const [file, message] of cases) {
      const out = join(folder, 'out');
      const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', tauBenchDataFolder('retail'), '--tasks', file, '--out', out]);
      expect(run.code, file).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain(file);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(folder).filter((entry) => entry.includes('importing'))).toEqual([]);
  });

  it('writes nothing when the data or the destination are wrong', async () => {
    const folder = scratch();
    const badData = join(folder, 'bad-data');
    mkdirSync(badData);
    for (const collection of ['orders', 'products', 'users']) writeFileSync(join(badData, `${collection}.json`), readFileSync(join(tauBenchDataFolder('retail'), `${collection}.json`)));
    const orders = JSON.parse(readFileSync(join(badData, 'orders.json'), 'utf8'));
    orders['#W2378156'].items[0].price = 'free';
    writeFileSync(join(badData, 'orders.json'), JSON.stringify(orders));
    const cases: Array<[string[], RegExp]> = [
      [['--data', badData], /orders\["#W2378156"\]\.items\.0\.price: /],
      [['--data', join(folder, 'nowhere')], /nowhere: no such data folder/],
      [['--data', tauBenchDataFolder('airline')], /missing orders.json/],
    ];
    for (const [extra, message] of cases) {
      const out = join(folder, 'out');
      const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', ...extra, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(folder)).toEqual(['bad-data']);
    const taken = join(folder, 'taken');
    mkdirSync(taken);
    const run = await runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', tauBenchDataFolder('retail'), '--out', taken]);
    expect(run.stderr).toMatch(/taken: already exists \(pass --force to replace it\)/);
    expect(readdirSync(taken)).toEqual([]);
  });

  describe('--force', () => {
    const forceImport = (out: string, options: { data?: string; cwd?: string } = {}) =>
      runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', options.data ?? tauBenchDataFolder('retail'), '--tasks', devTasks('retail'), '--out', out, '--force'], options.cwd ? { cwd: options.cwd } : {});

    it('replaces a folder that an earlier import wrote', async () => {
      const out = join(scratch(), 'retail');
      expect((await importDev('retail', out)).code).toBe(0);
      writeFileSync(join(out, 'blueprints', 'stale.json'), '{}');
      const run = await forceImport(out);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(readdirSync(join(out, 'blueprints'))).not.toContain('stale.json');
      expect(readdirSync(join(out, 'blueprints'))).toHaveLength(20);
      expect(JSON.parse(readFileSync(join(out, IMPORT_MARKER_FILE), 'utf8'))).toEqual({ schemaVersion: 1, writtenBy: 'interplay import', kind: 'tau-bench', domain: 'retail', createdAt: '2026-01-02T03:04:05.000Z' });
    });

    it('refuses a folder without the marker, even an empty one, and leaves it untouched', async () => {
      const out = join(scratch(), 'mine');
      mkdirSync(out);
      writeFileSync(join(out, 'notes.txt'), 'keep me');
      const run = await forceImport(out);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${out}: refusing to replace it with --force: interplay import did not write it (no valid ${IMPORT_MARKER_FILE})`);
      expect(readdirSync(out)).toEqual(['notes.txt']);
      const empty = join(scratch(), 'empty');
      mkdirSync(empty);
      expect((await forceImport(empty)).stderr).toContain('interplay import did not write it');
      const forged = join(scratch(), 'forged');
      mkdirSync(forged);
      writeFileSync(join(forged, IMPORT_MARKER_FILE), '{"hello": 1}');
      expect((await forceImport(forged)).stderr).toContain('interplay import did not write it');
      expect(readdirSync(forged)).toEqual([IMPORT_MARKER_FILE]);
    });

    it('refuses a folder the import wrote once it holds other files', async () => {
      const out = join(scratch(), 'retail');
      expect((await importDev('retail', out)).code).toBe(0);
      writeFileSync(join(out, 'my-results.json'), '[]');
      const run = await forceImport(out);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${out}: refusing to replace it with --force: it holds files the import did not write (my-results.json)`);
      expect(readFileSync(join(out, 'my-results.json'), 'utf8')).toBe('[]');
    });

    it('refuses the data folder, a folder holding it, the working directory and a folder holding it', async () => {
      const folder = scratch();
      const previous = join(folder, 'previous');
      expect((await importDev('retail', previous)).code).toBe(0);
      // Re-importing from an earlier import's own data into that import's folder would delete what it reads.
      const fromOwnData = await forceImport(previous, { data: join(previous, 'data') });
      expect(fromOwnData.code).toBe(1);
      expect(fromOwnData.stderr).toContain(`${previous}: refusing to write here: it is or contains the data folder it imports`);
      expect(readdirSync(join(previous, 'blueprints'))).toHaveLength(20);

      const dataItself = await forceImport(tauBenchDataFolder('retail'));
      expect(dataItself.stderr).toMatch(/refusing to write here: it is or contains the data folder it imports/);

      const workingDirectory = join(folder, 'work');
      mkdirSync(workingDirectory);
      writeFileSync(join(workingDirectory, 'notes.txt'), 'keep me');
      for (const out of ['.', '..']) {
        const run = await forceImport(out, { cwd: workingDirectory });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('refusing to write here: it is or contains the working directory');
      }
      expect(readdirSync(workingDirectory)).toEqual(['notes.txt']);
    });
  });
});
