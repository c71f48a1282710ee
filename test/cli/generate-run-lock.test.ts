import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunLock } from '../../src/store/index.ts';
import { runInterplay } from '../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-run-lock-'));
const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') };
const batch = ['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '2'];
/** Another live process on this host holds the lock: the test runner that started this worker. */
const otherWriter = { pid: process.ppid, host: hostname(), command: 'generate --resume' };

describe('the writer lock through the CLI', () => {
  it('refuses a second writer with one line, exit 1, and --break-lock takes the lock saying whose it was', async () => {
    const folder = join(scratch(), 'run');
    expect((await runInterplay(['generate', ...batch, '--out', folder])).code).toBe(0);
    const before = readFileSync(join(folder, 'manifest.json'), 'utf8');
    const held = await acquireRunLock(folder, { writer: otherWriter, clock });

    const refused = await runInterplay(['generate', '--resume', folder]);
    expect(refused.stderr).toBe(`error: run ${folder} is being written by pid ${process.ppid} on host ${hostname()} since 2026-01-02T03:04:05.000Z; if that process is gone, run with --break-lock\n`);
    expect(refused.code).toBe(1);
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(before);

    const broken = await runInterplay(['generate', '--resume', folder, '--break-lock']);
    expect(broken.stderr).toBe(`broke the writer lock of ${folder} held by pid ${process.ppid} on host ${hostname()} (generate --resume, since 2026-01-02T03:04:05.000Z) (--break-lock)\n`);
    expect(broken.code).toBe(0);
    expect(existsSync(join(folder, 'writer.lock'))).toBe(false);
    await held.release();
  });

  it('locks the folders of rollout --out, whose refusal points to another folder', async () => {
    const folder = join(scratch(), 'run');
    mkdirSync(folder, { recursive: true });
    const held = await acquireRunLock(folder, { writer: otherWriter, clock });
    const refused = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', folder]);
    expect(refused.stderr).toBe(`error: run ${folder} is being written by pid ${process.ppid} on host ${hostname()} since 2026-01-02T03:04:05.000Z; choose another --out\n`);
    expect(refused.code).toBe(1);
    expect(existsSync(join(folder, 'inputs.json'))).toBe(false);
    await held.release();
  });
});
