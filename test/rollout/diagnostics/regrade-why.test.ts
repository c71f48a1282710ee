import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterplay } from '../../support/run-cli.ts';
import { offlineRun } from '../../report/support/offline-run.ts';

describe('interplay regrade --why', () => {
  it('prints whose failure each rejected trajectory is and where it left the gold actions', async () => {
    const run = await offlineRun();
    const result = await runInterplay(['regrade', run, '--why']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rejected = readFileSync(join(run, 'trajectories.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((trajectory) => !trajectory.verdict.kept);
    expect(rejected.length).toBeGreaterThan(0);
    const lines = result.stdout.split('\n');
    for (const trajectory of rejected) {
      const line = lines.find((candidate) => candidate.startsWith(`${trajectory.id}: `));
      expect(line, trajectory.id).toMatch(/^\S+#\d: agent \((missing-write|wrong-write|agent-policy-violation)\) — .*; first divergence: /);
    }
    expect(lines.filter((line) => / \((missing-write|wrong-write|agent-policy-violation)\) — /.test(line))).toHaveLength(rejected.length);
    const plain = await runInterplay(['regrade', run]);
    expect(plain.stdout).not.toContain('first divergence');
  });
});
