import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILED_JOB_SCHEMA_VERSION, FailedJobLog, outstandingFailedJobs, readFailedJobs, type FailedJobRecord } from '../../src/store/index.ts';

const record = (jobId: string, reason: FailedJobRecord['termination']['reason'] = 'infrastructure-error', at = '2026-01-02T00:00:00.000Z'): FailedJobRecord => ({
  schemaVersion: FAILED_JOB_SCHEMA_VERSION,
  jobId,
  blueprintId: jobId.split('#')[0] as string,
  attempt: Number(jobId.split('#')[1]),
  termination: { reason, detail: 'down' },
  role: 'agent',
  model: 'm@http://127.0.0.1:1/v1',
  at,
});
const file = () => join(mkdtempSync(join(tmpdir(), 'interplay-failed-log-')), 'failed-jobs.jsonl');

describe('the failed-jobs log', () => {
  it('appends records (creating the file with the first) and reads them back, zod-parsed; a missing file has none', async () => {
    const path = file();
    expect(await readFailedJobs(path)).toEqual([]);
    expect(existsSync(path)).toBe(false);
    const log = new FailedJobLog(path);
    await Promise.all([log.append(record('a#0')), log.append(record('a#1', 'endpoint-rejected')), log.append({ ...record('b#0', 'aborted'), role: undefined, model: undefined } as never)]);
    const read = await readFailedJobs(path);
    expect(read.map((line) => [line.jobId, line.termination.reason])).toEqual([
      ['a#0', 'infrastructure-error'],
      ['a#1', 'endpoint-rejected'],
      ['b#0', 'aborted'],
    ]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(4);
  });

  it('refuses to log a verdict ending or a record without its schema version, and names a bad line when reading', async () => {
    const path = file();
    const log = new FailedJobLog(path);
    await expect(log.append(record('a#0', 'user-stop'))).rejects.toThrow(/termination: not a failed-job ending/);
    await expect(log.append({ ...record('a#0'), schemaVersion: 2 } as never)).rejects.toThrow(/schemaVersion/);
    expect(existsSync(path)).toBe(false);
    writeFileSync(path, `${JSON.stringify(record('a#0'))}\n${JSON.stringify({ ...record('a#1'), at: 'yesterday' })}\n`);
    await expect(readFailedJobs(path)).rejects.toThrow(/line 2 is not a valid failed-job record[\s\S]*at:/);
  });

  it('ignores a last line a crash cut short, and cuts it off before the next append', async () => {
    const path = file();
    writeFileSync(path, `${JSON.stringify(record('a#0'))}\n{"schemaVersion":1,"jobId":"a#`);
    expect((await readFailedJobs(path)).map((line) => line.jobId)).toEqual(['a#0']);
    const log = new FailedJobLog(path);
    await log.append(record('a#1'));
    await log.append(record('a#2'));
    expect((await readFailedJobs(path)).map((line) => line.jobId)).toEqual(['a#0', 'a#1', 'a#2']);
    expect(readFileSync(path, 'utf8')).not.toContain('"jobId":"a#"');
  });

  it('a job is failed when its latest record has no trajectory after it', () => {
    const records = [record('a#0', 'infrastructure-error', '2026-01-02T00:00:00.000Z'), record('a#1'), record('a#0', 'endpoint-rejected', '2026-01-03T00:00:00.000Z')];
    const failed = outstandingFailedJobs(records, new Set(['a#1']));
    expect([...failed.keys()]).toEqual(['a#0']);
    expect(failed.get('a#0')?.termination.reason).toBe('endpoint-rejected');
  });
});
