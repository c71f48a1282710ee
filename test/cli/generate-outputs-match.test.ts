import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterplay } from '../support/run-cli.ts';

describe('interplay generate --outputs-match', () => {
  it('grades with the rule it is given, keeps it in the run settings (regrade reads it back), and refuses an unknown one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'interplay-generate-outputs-')), 'run');
    const run = await runInterplay(['generate', '--domain', 'retail', '--blueprints', 'retail-order-tracking-1', '--offline', '--outputs-match', 'tau-bench', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).config.outputsMatch).toBe('tau-bench');
    const trajectory = JSON.parse(readFileSync(join(out, 'trajectories.jsonl'), 'utf8').trim().split('\n')[0]!);
    expect(trajectory.verdict).toMatchObject({ kept: true, outputs: { rule: 'tau-bench' } });
    expect((await runInterplay(['regrade', out])).stdout).toContain('0 verdict(s) differ from the stored ones');
    const bad = await runInterplay(['generate', '--domain', 'retail', '--blueprints', 'retail-order-tracking-1', '--offline', '--outputs-match', 'loose', '--out', `${out}-2`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: --outputs-match must be one of token, tau-bench, got "loose"\n');
  });
});
