import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLUEPRINT_LIMITS } from '../../src/blueprints/blueprint.ts';
import { runInterplay } from '../support/run-cli.ts';

const base = JSON.parse(readFileSync(fileURLToPath(new URL('../../blueprints/retail/retail-cancel-pending-order.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
const think = (thought: string) => ({ name: 'think', arguments: { thought } });

describe('input limits, checked before any work', () => {
  it('refuses each limit of a blueprint in one message naming the file, the field and the limit, and starts no run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-limits-'));
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['actions', { actions: Array.from({ length: BLUEPRINT_LIMITS.actions + 1 }, () => think('hm')) }, /actions: at most 100 actions per blueprint/],
      ['outputs', { outputs: Array.from({ length: BLUEPRINT_LIMITS.outputs + 1 }, (_, index) => `${index}`) }, /outputs: at most 1000 outputs per blueprint/],
      ['output-length', { outputs: ['x'.repeat(BLUEPRINT_LIMITS.nameLength + 1)] }, /outputs\.0: at most 1000 characters per output/],
      ['instruction', { instruction: 'x'.repeat(BLUEPRINT_LIMITS.textLength + 1) }, /instruction: at most 20000 characters/],
      ['argument', { actions: [think('x'.repeat(BLUEPRINT_LIMITS.textLength + 1))] }, /actions\.0\.arguments: a string over 20000 characters \(the limit for argument values\)/],
      ['user', { userId: 'u'.repeat(BLUEPRINT_LIMITS.nameLength + 1) }, /userId: at most 1000 characters/],
      ['id-length', { id: 'a'.repeat(BLUEPRINT_LIMITS.idLength + 1) }, /id: at most 128 characters \(the id names the blueprint's file\)/],
      ['id-charset', { id: '../escape' }, /id: ids are letters, digits, dot, underscore and dash/],
      ['depth', { actions: [{ name: 'think', arguments: { thought: JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`) } }] }, /cannot read a blueprint \(nested deeper than the limit of 32 levels, at line \d+, column \d+\)/],
    ];
    for (const [name, change, message] of cases) {
      const file = join(folder, `${name}.json`);
      writeFileSync(file, JSON.stringify({ ...base, ...change }));
      const validate = await runInterplay(['validate', file, '--offline']);
      expect(validate.code, name).toBe(1);
      expect(validate.stderr, name).toMatch(new RegExp(`^error: .*${name}\\.json`));
      expect(validate.stderr, name).toMatch(message);
      const out = join(folder, `run-${name}`);
      const rollout = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', file, '--offline', '--out', out]);
      expect(rollout.code, name).toBe(1);
      expect(existsSync(out), name).toBe(false);
    }
  });

  it('refuses a blueprint file over 10 MB by its size, before reading it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-limits-')), 'huge.json');
    const text = JSON.stringify(base, null, 2);
    writeFileSync(file, text.replace('{', `{${' '.repeat(BLUEPRINT_LIMITS.fileBytes)}`));
    const run = await runInterplay(['validate', file, '--offline']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/huge.json: cannot read a blueprint \(a blueprint file of 10(\.\d)? MB is over the limit of 10 MB\)/);
  });

  it('holds tau-bench tasks to the same per-task limits', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-limits-')), 'tasks.json');
    writeFileSync(file, JSON.stringify([{ user_id: 'u', instruction: 'x', actions: Array.from({ length: 101 }, () => ({ name: 'think', kwargs: { thought: 'hm' } })) }]));
    const run = await runInterplay(['replay', '--domain', 'retail', '--tau-tasks', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tasks.json: not a valid tau-bench task file\n\s+row 0 \(no task_index\): actions: at most 100 actions per task/);
  });
});
