import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../src/batch/batch-events.ts';
import { BatchEventLog } from '../../src/batch/event-log.ts';

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
});
