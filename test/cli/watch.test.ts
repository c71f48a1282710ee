import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../src/cli/cli-io.ts';
import { registerWatchCommand } from '../../src/cli/commands/watch-command.ts';
import type { BatchEvent } from '../../src/batch/batch-events.ts';
import { BatchEventLog } from '../../src/batch/event-log.ts';
import { summarizeJobEnd } from '../../src/batch/job-end-summary.ts';
import { RECORDED_TEXT_CHARACTERS } from '../../src/batch/recorded-event.ts';
import { detailLines } from '../../src/tui/live/detail-lines.ts';
import { withStoredTrajectory, type RolloutView } from '../../src/tui/live/rollout-view.ts';
import { RUN_EVENTS_FILE } from '../../src/tui/live/run-event-follower.ts';
import { StoredTrajectories } from '../../src/tui/live/stored-trajectories.ts';
import { readRunView, watchRunLive } from '../../src/tui/live/watch-run.ts';
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

  it('reads an event log as this version writes it: finished rollouts by id, their whole conversation read from the trajectory log', async () => {
    const folder = await writeRunFolder(run, { events: false });
    const file = join(folder, RUN_EVENTS_FILE);
    const log = await BatchEventLog.open(file);
    // As the pipeline emits them: a job's end with its trajectory in memory, its id and summary for the log.
    for (const event of run.events) log.write(event.type === 'job-end' && !('summary' in event) ? { ...event, trajectoryId: event.trajectory.id, summary: summarizeJobEnd(event.trajectory) } : event);
    await log.close();
    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain('"trajectory":');
    expect(written).not.toContain('"turn-start"');
    expect(statSync(file).size).toBeLessThan(0.3 * statSync(join(folder, 'trajectories.jsonl')).size);

    const kept = run.trajectories.filter((trajectory) => trajectory.verdict.kept).length;
    const plain = await watch([folder]);
    expect(plain.stdout.split('\n')[1]).toBe(`4/4 done · kept ${kept} · rejected ${4 - kept} · errors 0 · running 0`);
    for (const trajectory of run.trajectories) expect(plain.stdout).toContain(`${trajectory.verdict.kept ? '✓' : '✗'} ${trajectory.id}  `);

    // The view holds the clipped conversation; opening a rollout reads its trajectory by id.
    const { state } = await readRunView({ kind: 'events', file }, { keepFinished: 4 });
    const stored = new StoredTrajectories(join(folder, 'trajectories.jsonl'));
    for (const trajectory of run.trajectories) {
      const view = state.recent.find((candidate) => candidate.jobId === trajectory.id);
      expect(view).toMatchObject({ status: 'finished', storedAs: trajectory.id, outcome: { kept: trajectory.verdict.kept, reason: trajectory.verdict.reason } });
      const opened = withStoredTrajectory(view as RolloutView, (id) => stored.find(id));
      expect(opened.trajectory).toEqual(trajectory);
      const longest = trajectory.messages.slice(1).flatMap((message) => (message.role !== 'system' && typeof message.content === 'string' ? [message.content] : [])).sort((a, b) => b.length - a.length)[0] as string;
      expect(longest.length).toBeGreaterThan(RECORDED_TEXT_CHARACTERS);
      const text = detailLines(opened, 100_000).map((line) => line.text).join('\n');
      expect(text).toContain(longest.replace(/\s+/g, ' ').slice(0, 200));
      expect(text).toContain(`verdict: ${trajectory.verdict.kept ? 'KEPT' : 'REJECTED'}`);
    }
  });

  it('counts each job once when its end was logged twice (two writers), and says which were duplicated', async () => {
    const ends = run.events.filter((event) => event.type === 'job-end');
    const twice = await writeRunFolder({ ...run, events: [...run.events.slice(0, -1), ...ends.slice(0, 2), run.events.at(-1) as BatchEvent] });
    const result = await watch([twice]);
    expect(result.stdout.split('\n')[1]).toMatch(/^4\/4 done · /);
    const first = ends[0]?.jobId;
    const second = ends[1]?.jobId;
    expect(result.stdout).toContain(`2 duplicate trajectories in ${join(twice, RUN_EVENTS_FILE)} (ids ${first}, ${second}): kept the first of each\n`);

    const trajectoryLog = await writeRunFolder(run, { events: false });
    appendFileSync(join(trajectoryLog, 'trajectories.jsonl'), `${JSON.stringify(run.trajectories[3])}\n`);
    const fromLog = await watch([trajectoryLog]);
    expect(fromLog.stdout).toContain('4/4 done');
    expect(fromLog.stdout).toContain(`1 duplicate trajectory in ${join(trajectoryLog, 'trajectories.jsonl')} (ids ${run.trajectories[3]?.id}): kept the first of each\n`);
  });
});
