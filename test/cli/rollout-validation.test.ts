import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterplay } from '../support/run-cli.ts';

const shipped = () => JSON.parse(readFileSync('blueprints/retail/retail-cancel-pending-order.json', 'utf8'));

/** A folder with blueprint files: the shipped cancel blueprint as it is, and variants. */
function blueprintFolder(variants: Record<string, (blueprint: ReturnType<typeof shipped>) => void>): string {
  const folder = mkdtempSync(join(tmpdir(), 'interplay-rollout-validation-'));
  for (const [id, change] of Object.entries(variants)) {
    const blueprint = { ...shipped(), id };
    change(blueprint);
    writeFileSync(join(folder, `${id}.json`), JSON.stringify(blueprint));
  }
  return folder;
}

describe('rollout validates its blueprints first (stages 1-3)', () => {
  // Without the identification call the gold breaks the policy rule identify-user-first; it still executes.
  const folder = blueprintFolder({ good: () => undefined, unidentified: (blueprint) => blueprint.actions.splice(0, 1) });
  const out = (name: string) => join(folder, name);

  it('refuses a blueprint that fails a stage, with the reasons, and rolls out nothing', async () => {
    const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', join(folder, 'good.json'), join(folder, 'unidentified.json'), '--offline', '--out', out('refused')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: 1 of 2 blueprint\(s\) fail validation stages 1-3 \(nothing was rolled out; --unvalidated rolls them out anyway, marked as unvalidated\):\n {2}unidentified: policy: rule identify-user-first/);
    expect(run.stdout).toBe('');
    expect(existsSync(out('refused'))).toBe(false);
  });

  it('with --unvalidated, rolls it out and marks its verdicts and the summary', async () => {
    const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', join(folder, 'good.json'), join(folder, 'unidentified.json'), '--offline', '--unvalidated', '--out', out('unvalidated')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const trajectories = readFileSync(join(out('unvalidated'), 'trajectories.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(trajectories.map((trajectory) => [trajectory.blueprintId, trajectory.verdict.kept, trajectory.verdict.unvalidated])).toEqual([
      ['good', true, undefined],
      ['unidentified', true, true],
    ]);
    expect(run.stdout).toContain('UNVALIDATED: 1 trajectories (kept 1) are of blueprints that failed validation stages 1-3 (--unvalidated)');
    // regrade derives the same mark from the run's own blueprints.
    const regrade = await runInterplay(['regrade', out('unvalidated')]);
    expect(regrade.stdout).toContain('re-graded 2 trajectories without a model: 0 verdict(s) differ from the stored ones');
  });

  it('refuses a blueprint whose gold action errors without expectError, even with --unvalidated, naming the action', async () => {
    const broken = blueprintFolder({ broken: (blueprint) => (blueprint.actions[2].arguments.order_id = '#W0000000') });
    for (const flags of [[], ['--unvalidated']]) {
      const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', join(broken, 'broken.json'), '--offline', ...flags, '--out', join(broken, 'run')]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('broken: ');
      expect(run.stderr).toMatch(flags.length === 0 ? /execution: actions\[2\] \(cancel_pending_order\): returned an error/ : /gold actions\[2\] \(cancel_pending_order\) returned an error and is not marked expectError/);
      expect(existsSync(join(broken, 'run'))).toBe(false);
    }
  });

  it('records the outputs rule it graded with, and refuses an unknown one', async () => {
    const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', join(folder, 'good.json'), '--offline', '--outputs-match', 'tau-bench', '--json', '--out', out('tau')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim()).verdict.outputs.rule).toBe('tau-bench');
    expect(JSON.parse(readFileSync(join(out('tau'), 'manifest.json'), 'utf8')).config.outputsMatch).toBe('tau-bench');
    const bad = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', join(folder, 'good.json'), '--offline', '--outputs-match', 'exact', '--out', out('bad')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: --outputs-match must be one of token, tau-bench, got "exact"\n');
  });
});
