import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterplay } from '../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-manners-'));

describe("the CLI's manners", () => {
  it('reports usage errors in one line pointing at the command help, exit 2, never followed by the help', async () => {
    const cases: Array<[string[], string]> = [
      [['rollout', '--domian', 'retail', '--blueprints', 'x'], "error: unknown option '--domian' (did you mean --domain?); see `interplay rollout --help`\n"],
      [['data', 'check', '--domian', 'retail', '--data', 'x'], "error: unknown option '--domian' (did you mean --domain?); see `interplay data check --help`\n"],
      [['rollout', '--domain', 'retail'], "error: required option '--blueprints <file|dir|id...>' not specified; see `interplay rollout --help`\n"],
      [['rollout', '--domain', 'retail', '--blueprints'], "error: option '--blueprints <file|dir|id...>' argument missing; see `interplay rollout --help`\n"],
      [['validate'], "error: missing required argument 'paths'; see `interplay validate --help`\n"],
      [['rollut'], "error: unknown command 'rollut' (did you mean rollout?); see `interplay --help`\n"],
      [['replay', '--tau-task', 'x.json'], "error: unknown option '--tau-task' (did you mean --tau-tasks?); see `interplay replay --help`\n"],
    ];
    for (const [argv, line] of cases) {
      const run = await runInterplay(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr, argv.join(' ')).toBe(line);
      expect(run.stdout, argv.join(' ')).toBe('');
    }
  });

  it('still prints help on --help and the version on --version, exit 0', async () => {
    const help = await runInterplay(['rollout', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: interplay rollout \[options\]/);
    expect(help.stdout).toContain('--blueprints <file|dir|id...>');
    expect((await runInterplay(['--version'])).stdout).toBe('0.1.0\n');
  });

  it('gives a JSON syntax error as line and column with the file name', async () => {
    const file = join(scratch(), 'broken.json');
    writeFileSync(file, '{\n  "schemaVersion": 1,\n  "id": "x",\n  "domain": "retail"\n  "userId": "u"\n}\n');
    const run = await runInterplay(['validate', file, '--offline']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: cannot read a blueprint (not valid JSON: unexpected "\\"" at line 5, column 3)`);

    const config = join(scratch(), 'models.json');
    writeFileSync(config, '{\n  "models": {"agent": {"model": "a",}}\n}\n');
    const configRun = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--config', config]);
    expect(configRun.code).toBe(1);
    expect(configRun.stderr).toBe(`error: ${config}: not valid JSON: unexpected "}" at line 2, column 37\n`);

    const run3 = join(scratch(), 'run');
    expect((await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '3', '--out', run3])).code).toBe(0);
    const log = join(run3, 'trajectories.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[1] = `{"id": 1,${lines[1]?.slice(1)}`.replace('"id": 1,', '"id" 1,');
    writeFileSync(log, lines.join('\n'));
    const regrade = await runInterplay(['regrade', run3]);
    expect(regrade.code).toBe(1);
    expect(regrade.stderr).toBe(`error: ${log}: line 2 is not valid JSON (unexpected "1" at column 7)\n`);
  });

  it('treats a folder with no blueprints as bad input for rollout and generate, and creates no run', async () => {
    const folder = scratch();
    const empty = join(folder, 'empty');
    mkdirSync(empty);
    for (const command of ['rollout', 'generate']) {
      const out = join(folder, `${command}-run`);
      const run = await runInterplay([command, '--domain', 'retail', '--blueprints', empty, '--offline', '--out', out]);
      expect(run.code, command).toBe(1);
      expect(run.stderr, command).toBe(`error: no blueprint files in ${empty}: nothing to run\n`);
      expect(existsSync(out), command).toBe(false);
    }
  });

  it('prints the domains and their counts as JSON with `domains --json`', async () => {
    const run = await runInterplay(['domains', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { name: 'retail', tools: 16, records: { orders: 1000, products: 50, users: 500 } },
      { name: 'airline', tools: 14, records: { flights: 300, reservations: 2000, users: 500 } },
    ]);
  });

  it('accepts --blueprint and --blueprints on both rollout and generate', async () => {
    const folder = scratch();
    for (const command of ['rollout', 'generate']) {
      for (const flag of ['--blueprint', '--blueprints']) {
        const out = join(folder, `${command}${flag}`);
        const run = await runInterplay([command, '--domain', 'retail', flag, 'retail-cancel-pending-order', 'retail-update-default-address', '--offline', '--trials', '1', '--out', out]);
        expect(run.code, `${command} ${flag}\n${run.stderr}`).toBe(0);
        const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as { blueprints: Array<{ id: string }> };
        expect(inputs.blueprints.map((blueprint) => blueprint.id), `${command} ${flag}`).toEqual(['retail-cancel-pending-order', 'retail-update-default-address']);
      }
    }
    expect(readdirSync(folder).sort()).toEqual(['generate--blueprint', 'generate--blueprints', 'rollout--blueprint', 'rollout--blueprints']);
  });
});
