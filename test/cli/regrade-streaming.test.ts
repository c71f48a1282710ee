import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import { runInterplay } from '../support/run-cli.ts';

/**
 * Regrade streams its log: it grades and prints each trajectory as it reads it, holding none of them. The seam
 * that proves it without a memory bound: a line appended to the log once the first result is printed is
 * still graded, which a reader that loaded the whole log before grading would never see.
 */
describe('interplay regrade streams the log', () => {
  it('prints the first verdict before it has read the end of the log', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-regrade-stream-'));
    const run = join(folder, 'run');
    expect((await runInterplay(['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--offline', '--out', run])).code).toBe(0);
    const original = JSON.parse(readFileSync(join(run, 'trajectories.jsonl'), 'utf8').trim()) as Trajectory;
    const copy = (attempt: number) => `${JSON.stringify({ ...original, id: `${original.blueprintId}#${attempt}`, attempt })}\n`;
    // Far more than the reader's 64 KiB chunks, so the end of the file is read long after the first line.
    const file = join(folder, 'trajectories.jsonl');
    const count = Math.ceil((4 * 1024 * 1024) / copy(0).length);
    writeFileSync(file, Array.from({ length: count }, (_, attempt) => copy(attempt)).join(''));

    let stdout = '';
    let appended = false;
    const code = await runCli(['regrade', file, '--blueprints', 'retail-cancel-pending-order', '--json'], {
      out: (text) => {
        stdout += text;
        if (!appended) {
          appended = true;
          appendFileSync(file, copy(count));
        }
      },
      err: () => undefined,
      now: () => new Date('2026-01-02T03:04:05.000Z'),
      env: {},
      cwd: process.cwd(),
      isTerminal: false,
    });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id?: string; regraded?: number });
    expect(lines.at(-2)).toEqual({ id: `${original.blueprintId}#${count}`, kept: true, reason: 'accepted' });
    expect(lines.at(-1)).toMatchObject({ regraded: count + 1, changed: 0 });
  });

  it('grades a trajectory of a blueprint its first pass did not see, appended by a run still being written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-regrade-growing-'));
    const run = join(folder, 'run');
    const blueprints = ['retail-cancel-pending-order', 'retail-return-delivered-item'];
    expect((await runInterplay(['rollout', '--domain', 'retail', '--blueprints', ...blueprints, '--offline', '--out', run])).code).toBe(0);
    const log = join(run, 'trajectories.jsonl');
    const [first, second] = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Trajectory);
    const late = [first, second].find((trajectory) => trajectory?.blueprintId === blueprints[1]) as Trajectory;
    const early = [first, second].find((trajectory) => trajectory?.blueprintId === blueprints[0]) as Trajectory;
    const copy = (attempt: number) => `${JSON.stringify({ ...early, id: `${early.blueprintId}#${attempt}`, attempt })}\n`;
    const count = Math.ceil((4 * 1024 * 1024) / copy(0).length);
    // The log as a writer has it so far: only the first blueprint's trajectories.
    writeFileSync(log, Array.from({ length: count }, (_, attempt) => copy(attempt)).join(''));

    let stdout = '';
    let stderr = '';
    let appended = false;
    const code = await runCli(['regrade', run, '--json'], {
      out: (text) => {
        stdout += text;
        if (!appended) {
          appended = true;
          appendFileSync(log, `${JSON.stringify(late)}\n`);
        }
      },
      err: (text) => void (stderr += text),
      now: () => new Date('2026-01-02T03:04:05.000Z'),
      env: {},
      cwd: process.cwd(),
      isTerminal: false,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id?: string; regraded?: number });
    expect(lines.at(-2)).toEqual({ id: late.id, kept: true, reason: 'accepted' });
    expect(lines.at(-1)).toMatchObject({ regraded: count + 1, changed: 0 });
  });
});
