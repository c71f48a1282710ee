import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../src/cli/cli-io.ts';
import { registerWatchCommand } from '../../src/cli/commands/watch-command.ts';
import { RUN_EVENTS_FILE } from '../../src/tui/live/run-event-follower.ts';
import { watchRunLive } from '../../src/tui/live/watch-run.ts';
import { eventually } from '../support/eventually.ts';
import { fakeTerminal } from '../tui/live/fake-terminal.ts';
import { eventLine, recordOfflineRun, visible, writeRunFolder, type RecordedRun } from '../tui/live/recorded-run.ts';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordOfflineRun({ trials: 4 });
});

/** Runs `interplay watch` in-process through its own commander program, as a pipe (no terminal) sees it. */
async function watch(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  const io: CliIo = { out: (text) => void (stdout += text), err: () => undefined, now: () => new Date('2026-01-02T03:04:05.000Z'), env: {}, cwd: process.cwd(), isTerminal: false };
  const program = new Command('interplay').exitOverride();
  registerWatchCommand(program, io);
  try {
    await program.parseAsync(['watch', ...argv], { from: 'user' });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    if (error instanceof UsageError) return { code: 1, stdout, stderr: error.message };
    throw error;
  }
}

const folderSnapshot = (folder: string) => readdirSync(folder).map((name) => [name, statSync(join(folder, name)).size, statSync(join(folder, name)).mtimeMs]);

describe('interplay watch', () => {
  it('prints a plain summary of a finished run when stdout is not a terminal', async () => {
    const folder = await writeRunFolder(run);
    const before = folderSnapshot(folder);
    const kept = run.trajectories.filter((trajectory) => trajectory.verdict.kept).length;
    const result = await watch([folder]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^run watch-test \(retail\) · phase done · \d+m\d+s elapsed$/);
    expect(lines[1]).toBe(`4/4 done · kept ${kept} · rejected ${4 - kept} · errors 0 · running 0`);
    expect(result.stdout).toMatch(/^verdicts: .*(accepted|state-mismatch) \d/m);
    expect(result.stdout).toContain('endings: user-stop 4');
    expect(result.stdout).toContain('latest finished (4 of 4):');
    for (const trajectory of run.trajectories) expect(result.stdout).toContain(`${trajectory.verdict.kept ? '✓' : '✗'} ${trajectory.id}  `);
    expect(folderSnapshot(folder)).toEqual(before);
  });

  it('reads the trajectory log when there is no event log, and says what is missing otherwise', async () => {
    const folder = await writeRunFolder(run, { events: false });
    const result = await watch([folder]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4/4 done');

    const empty = join(mkdtempSync(join(tmpdir(), 'interplay-watch-')), 'empty');
    mkdirSync(empty);
    expect(await watch([empty])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^nothing to watch in .*empty: neither events\.jsonl nor trajectories\.jsonl is there$/) });
    expect(await watch([join(empty, 'nope')])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^no such run folder: /) });
    expect(await watch([folder, '--keep', '0'])).toMatchObject({ code: 1, stderr: '--keep must be a whole number from 1 to 100000, got "0"' });
  });

  it('shows a run that is still being written (a torn line included) live, and quits on q without touching it', async () => {
    const folder = await writeRunFolder(run, { events: false });
    const file = join(folder, RUN_EVENTS_FILE);
    const lines = run.events.map(eventLine);
    const half = Math.floor(lines.length / 2);
    writeFileSync(file, lines.slice(0, half).join(''));
    const manifest = readFileSync(join(folder, 'manifest.json'), 'utf8');

    const terminal = fakeTerminal(80, 24);
    const watched = watchRunLive({ source: { kind: 'events', file }, title: 'watch-test (retail)', ...terminal.streams, pollMs: 5, intervalMs: 5 });
    const doneSoFar = run.events.slice(0, half).filter((event) => event.type === 'job-end').length;
    await eventually(() => expect(watched.store.getSnapshot().counted.done).toBe(doneSoFar));
    expect(watched.store.getSnapshot().phase).toBe('rollouts');

    // The writer is mid-line, then finishes it and the rest of the run.
    const next = lines[half] as string;
    appendFileSync(file, next.slice(0, 25));
    appendFileSync(file, next.slice(25));
    appendFileSync(file, lines.slice(half + 1).join(''));
    await eventually(() => expect(watched.store.getSnapshot().phase).toBe('done'));
    expect(watched.store.getSnapshot().counted.done).toBe(4);

    terminal.stdin.press('q');
    await expect(watched.ended).resolves.toBe('quit');
    await expect(watched.failure).resolves.toBeUndefined();
    const screen = visible(terminal.stdout.output);
    expect(screen).toContain('interplay watch-test (retail)');
    expect(screen).toContain('4/4 done');
    expect(readdirSync(folder).sort()).toEqual(['events.jsonl', 'manifest.json', 'trajectories.jsonl']);
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(manifest);
  });
});
