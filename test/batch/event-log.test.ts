import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../src/batch/batch-events.ts';
import { BatchEventLog, MAX_PENDING_EVENT_BYTES } from '../../src/batch/event-log.ts';
import { summarizeJobEnd } from '../../src/batch/job-end-summary.ts';
import { RECORDED_TEXT_CHARACTERS } from '../../src/batch/recorded-event.ts';
import { keptTrajectory } from '../store/trajectory-fixtures.ts';

const phase = (name: 'validation' | 'rollouts' | 'done'): BatchEvent => ({ type: 'phase', phase: name, at: '2026-01-02T03:04:05.000Z' });

describe('the event log', () => {
  it('appends one JSON event per line, and cuts a line a crash left torn before appending again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-events-')), 'events.jsonl');
    const first = await BatchEventLog.open(file);
    expect(first.repairedBytes).toBe(0);
    first.write(phase('validation'));
    first.write(phase('rollouts'));
    await first.close();
    appendFileSync(file, '{"type":"job-start","jobId":"a#0"');

    const second = await BatchEventLog.open(file);
    expect(second.repairedBytes).toBe('{"type":"job-start","jobId":"a#0"'.length);
    second.write(phase('done'));
    await second.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual([phase('validation'), phase('rollouts'), phase('done')]);
  });

  it('cuts a file that is nothing but a torn line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-events-')), 'events.jsonl');
    appendFileSync(file, '{"type":"pha');
    const log = await BatchEventLog.open(file);
    log.write(phase('done'));
    await log.close();
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(phase('done'))}\n`);
  });

  it('records a job end by its trajectory id and summary, and of a rollout only its messages, clipped, with their turn', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-events-')), 'events.jsonl');
    const trajectory = keptTrajectory();
    const long = 'x'.repeat(RECORDED_TEXT_CHARACTERS * 3);
    const at = '2026-01-02T03:04:05.000Z';
    const log = await BatchEventLog.open(file);
    const events: BatchEvent[] = [
      { type: 'job-start', jobId: trajectory.id, blueprintId: trajectory.blueprintId, attempt: 0, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'message', index: 0, message: { role: 'system', content: long } }, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'turn-start', role: 'agent', turn: 2 }, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'message', index: 3, message: { role: 'assistant', content: long, reasoning: long, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find', arguments: long } }] } }, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'tool-call', call: { id: 'c1', type: 'function', function: { name: 'find', arguments: long } } }, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'tool-result', callId: 'c1', name: 'find', ok: true, content: long }, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'turn-end', role: 'agent', turn: 2 }, at },
      { type: 'rollout', jobId: trajectory.id, event: { type: 'verdict', verdict: trajectory.verdict }, at },
      { type: 'job-end', jobId: trajectory.id, trajectoryId: trajectory.id, summary: summarizeJobEnd(trajectory), trajectory, at },
    ];
    for (const event of events) log.write(event);
    await log.close();
    const clipped = `${'x'.repeat(RECORDED_TEXT_CHARACTERS)}…`;
    expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      events[0],
      { type: 'message', jobId: trajectory.id, index: 3, turn: 2, message: { role: 'assistant', content: clipped, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find', arguments: clipped } }] } },
      { type: 'job-end', jobId: trajectory.id, trajectoryId: trajectory.id, summary: summarizeJobEnd(trajectory), at },
    ]);
  });

  it('writes a job end of an older engine (the whole trajectory) by id too', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-events-')), 'events.jsonl');
    const trajectory = keptTrajectory();
    const log = await BatchEventLog.open(file);
    log.write({ type: 'job-end', jobId: trajectory.id, trajectory, at: '2026-01-02T03:04:05.000Z' });
    await log.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ type: 'job-end', jobId: trajectory.id, trajectoryId: trajectory.id, summary: summarizeJobEnd(trajectory), at: '2026-01-02T03:04:05.000Z' });
  });

  it('leaves messages out, never job events, once more than its bound waits for the disk', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interplay-events-')), 'events.jsonl');
    const log = await BatchEventLog.open(file);
    const content = 'y'.repeat(RECORDED_TEXT_CHARACTERS);
    // All written in one tick: nothing reaches the disk meanwhile, so the backlog only grows.
    let written = 0;
    for (let index = 0; written <= MAX_PENDING_EVENT_BYTES + 64 * 1024; index++) {
      log.write({ type: 'rollout', jobId: 'a#0', event: { type: 'message', index, message: { role: 'user', content } }, at: '2026-01-02T03:04:05.000Z' });
      written += content.length + 60;
    }
    log.write(phase('done'));
    expect(log.droppedEvents).toBeGreaterThan(0);
    await log.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1) as string)).toEqual(phase('done'));
    expect(lines.slice(0, -1).reduce((bytes, line) => bytes + line.length + 1, 0)).toBeLessThanOrEqual(MAX_PENDING_EVENT_BYTES + 1024);
  });
});
