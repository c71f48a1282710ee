import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../src/batch/batch-events.ts';
import { runCli } from '../../src/cli/program.ts';
import { LiveApp } from '../../src/tui/live/live-app.tsx';
import { LiveViewStore } from '../../src/tui/live/live-view-store.ts';
import { RUN_EVENTS_FILE } from '../../src/tui/live/run-event-follower.ts';
import { at, eventLine, manualScheduler, recordOfflineRun, trajectoryFor, visible, writeRunFolder, type RecordedRun } from '../tui/live/recorded-run.ts';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordOfflineRun({ trials: 2 });
});
afterEach(() => cleanup());

const JOBS = 10;
const jobId = (job: number) => `bp#${job}`;
const start = (job: number, second: number): BatchEvent => ({ type: 'job-start', jobId: jobId(job), blueprintId: 'bp', attempt: job, at: at(second) });
const end = (job: number, second: number): BatchEvent => ({ type: 'job-end', jobId: jobId(job), trajectory: trajectoryFor(run.trajectories[0] as never, jobId(job), job), at: at(second) });

/**
 * The event log of a run resumed once: session 1 started 6 jobs and finished 3 before it was killed;
 * session 2 skipped those 3 as done, started the 7 others (3 of them for the second time) and finished them.
 */
function resumedRunEvents(): BatchEvent[] {
  const events: BatchEvent[] = [{ type: 'phase', phase: 'rollouts', at: at(0) }];
  for (let job = 0; job < 6; job++) events.push(start(job, 1));
  for (let job = 0; job < 3; job++) events.push(end(job, 2));
  events.push({ type: 'phase', phase: 'rollouts', at: at(10) });
  for (let job = 0; job < 3; job++) events.push({ type: 'job-skipped', jobId: jobId(job), reason: 'already-done', at: at(10) });
  for (let job = 3; job < JOBS; job++) events.push(start(job, 11));
  for (let job = 3; job < JOBS; job++) events.push(end(job, 12));
  events.push({ type: 'phase', phase: 'done', at: at(13) });
  return events;
}

async function watchPlain(folder: string): Promise<string> {
  let stdout = '';
  const code = await runCli(['watch', folder], { out: (text) => void (stdout += text), err: (text) => void (stdout += text), now: () => new Date('2026-01-02T03:04:05.000Z'), env: {}, cwd: process.cwd(), isTerminal: false });
  expect(code).toBe(0);
  return stdout;
}

describe('interplay watch on a resumed run', () => {
  it('counts distinct jobs done out of the jobs the run planned, not events', async () => {
    const folder = await writeRunFolder(run);
    writeFileSync(join(folder, RUN_EVENTS_FILE), resumedRunEvents().map(eventLine).join(''));
    const summary = await watchPlain(folder);
    expect(summary).toMatch(new RegExp(`${JOBS}/${JOBS} done`));
    expect(summary).not.toMatch(/\d+\/1[3-9] done/);
  });

  it('counts a job done once in the live header while the second session runs', async () => {
    const scheduler = manualScheduler();
    const store = new LiveViewStore({ scheduler: scheduler.schedule });
    const app = render(<LiveApp store={store} title="resumed" size={{ columns: 80, rows: 24 }} />);
    // Mid-session 2: the three skipped, four of the seven started, none finished yet.
    const events = resumedRunEvents();
    for (const event of events.slice(0, events.findIndex((event) => event.type === 'job-start' && event.jobId === jobId(7) && event.at === at(11)))) store.push(event);
    scheduler.runAll();
    await new Promise((resolve) => setImmediate(resolve));
    // The header's counts line (finished rollouts are printed above the live area).
    expect(visible(app.lastFrame()).split('\n').find((line) => /^\d+\/\d+ done/.test(line))).toMatch(/^3\/7 done · /);
  });

  it('says when it shows only the latest finished rollouts', async () => {
    const scheduler = manualScheduler();
    const store = new LiveViewStore({ scheduler: scheduler.schedule, limits: { keepFinished: 4 } });
    const app = render(<LiveApp store={store} title="kept few" size={{ columns: 80, rows: 24 }} />);
    for (const event of resumedRunEvents()) store.push(event);
    scheduler.runAll();
    await new Promise((resolve) => setImmediate(resolve));
    const lines = visible(app.lastFrame()).split('\n');
    expect(lines.find((line) => line.includes('showing the latest'))).toMatch(/^ {2}showing the latest 4 of 10 finished \(--keep holds more/);
    for (const line of lines) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
  });
});
