import { appendFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/batch/batch-events.ts';
import { findRunEventSource, followRunEvents, RUN_EVENTS_FILE } from '../../../src/tui/live/run-event-follower.ts';
import { eventually } from '../../support/eventually.ts';
import { eventLine, manualScheduler, recordOfflineRun, writeRunFolder, type RecordedRun } from './recorded-run.ts';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordOfflineRun({ trials: 3 });
});

/** Names, sizes and modification times: what any write into the folder would change. */
const folderSnapshot = (folder: string) => readdirSync(folder).map((name) => [name, statSync(join(folder, name)).size, statSync(join(folder, name)).mtimeMs]);

describe('followRunEvents', () => {
  it('reads a finished run\'s event log to its end and sees that the run is done', async () => {
    const folder = await writeRunFolder(run);
    const before = folderSnapshot(folder);
    const source = findRunEventSource(folder);
    expect(source).toEqual({ kind: 'events', file: join(folder, RUN_EVENTS_FILE) });
    const received: RunEvent[] = [];
    const follower = followRunEvents(source!, (event) => received.push(event), { follow: false });
    await follower.caughtUp;
    expect(received).toEqual(JSON.parse(JSON.stringify(run.events)));
    expect(follower.stats).toMatchObject({ lines: run.events.length, invalidLines: 0, unknownEvents: 0, pendingBytes: 0, finished: true });
    expect(folderSnapshot(folder)).toEqual(before);
  });

  it('falls back to the trajectory log when the run has no event log', async () => {
    const folder = await writeRunFolder(run, { events: false });
    const source = findRunEventSource(folder);
    expect(source?.kind).toBe('trajectories');
    const received: RunEvent[] = [];
    await followRunEvents(source!, (event) => received.push(event), { follow: false }).caughtUp;
    expect(received.map((event) => event.type === 'job-end' && event.jobId)).toEqual(run.trajectories.map((trajectory) => trajectory.id));
    rmSync(join(folder, 'trajectories.jsonl'));
    expect(findRunEventSource(folder)).toBeUndefined();
  });

  it('follows what another process appends, waits out a torn last line, and skips lines it cannot use', async () => {
    const folder = await writeRunFolder(run, { events: false });
    const file = join(folder, RUN_EVENTS_FILE);
    const lines = run.events.map(eventLine);
    const firstPart = 10;
    writeFileSync(file, lines.slice(0, firstPart).join(''));
    const scheduler = manualScheduler();
    const received: RunEvent[] = [];
    const follower = followRunEvents({ kind: 'events', file }, (event) => received.push(event), { follow: true, scheduler: scheduler.schedule });
    await follower.caughtUp;
    expect(received).toHaveLength(firstPart);
    expect(scheduler.pending).toBe(1);

    // Half a line: a write in progress. Nothing is delivered until it is complete.
    const next = lines[firstPart] as string;
    appendFileSync(file, next.slice(0, 40));
    scheduler.runAll();
    await eventually(() => expect(scheduler.pending).toBe(1));
    expect(received).toHaveLength(firstPart);
    expect(follower.stats.pendingBytes).toBe(40);

    appendFileSync(file, `${next.slice(40)}not json\n${JSON.stringify({ type: 'from-a-newer-engine', at: 'x' })}\n${JSON.stringify({ type: 'job-start', jobId: 7 })}\n`);
    appendFileSync(file, lines.slice(firstPart + 1).join(''));
    scheduler.runAll();
    // `finished` is set by the done line, before that read reaches the end of the file: wait for the whole read.
    await eventually(() => expect(follower.stats).toMatchObject({ finished: true, pendingBytes: 0 }));
    expect(received).toHaveLength(run.events.length);
    expect(follower.stats).toMatchObject({ invalidLines: 2, unknownEvents: 1, pendingBytes: 0 });
    // Once the run said it is done, nothing is polled any more.
    expect(scheduler.pending).toBe(0);
    follower.stop();
  });

  it('stops polling when stopped', async () => {
    const folder = await writeRunFolder(run, { events: false });
    const file = join(folder, RUN_EVENTS_FILE);
    writeFileSync(file, run.events.slice(0, 3).map(eventLine).join(''));
    const scheduler = manualScheduler();
    const received: RunEvent[] = [];
    const follower = followRunEvents({ kind: 'events', file }, (event) => received.push(event), { follow: true, scheduler: scheduler.schedule });
    await follower.caughtUp;
    follower.stop();
    expect(scheduler.pending).toBe(0);
    appendFileSync(file, run.events.slice(3).map(eventLine).join(''));
    scheduler.runAll();
    expect(received).toHaveLength(3);
  });
});
