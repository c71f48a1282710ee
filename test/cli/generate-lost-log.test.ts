import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterplay } from '../support/run-cli.ts';

const batch = ['generate', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', 'retail-address-moved-1', '--offline', '--trials', '2'];

async function finishedRun(): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'interplay-lost-log-')), 'run');
  const run = await runInterplay([...batch, '--out', folder]);
  expect(run.code, run.stderr).toBe(0);
  return folder;
}

describe('interplay generate --resume never reruns lost work silently', () => {
  it('refuses a run whose trajectory log was deleted, naming it, and changes nothing', async () => {
    const folder = await finishedRun();
    rmSync(join(folder, 'trajectories.jsonl'));
    const before = readdirSync(folder).sort();
    const resumed = await runInterplay(['generate', '--resume', folder]);
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toBe(`error: ${join(folder, 'trajectories.jsonl')}: is missing, but the run's manifest counts 4 trajectories: restore the file (nothing was changed), or run the lost jobs again with --rerun-lost\n`);
    expect(readdirSync(folder).sort()).toEqual(before);
    // Asked for, the lost jobs run again.
    const rerun = await runInterplay(['generate', '--resume', folder, '--rerun-lost']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readFileSync(join(folder, 'trajectories.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('refuses a run whose log lost lines, and resumes once the log is restored', async () => {
    const folder = await finishedRun();
    const log = join(folder, 'trajectories.jsonl');
    const whole = readFileSync(log, 'utf8');
    writeFileSync(log, `${whole.split('\n').slice(0, 2).join('\n')}\n`);
    const resumed = await runInterplay(['generate', '--resume', folder]);
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toContain('holds 2 trajectories, but the run\'s manifest counts 4: lines were lost');
    writeFileSync(log, whole);
    const restored = await runInterplay(['generate', '--resume', folder]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(whole);
  });
});
