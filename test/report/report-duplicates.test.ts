import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/index.ts';
import { runInterplay } from '../support/run-cli.ts';
import { offlineRun, scratchFolder } from './support/offline-run.ts';

describe('interplay report on a log two writers corrupted', () => {
  it('counts each trajectory once, keeping the first copy, and notes the duplicates', async () => {
    const run = await offlineRun({ trials: 2, blueprints: ['retail-cancel-pending-order'] });
    const log = join(run, 'trajectories.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const first = JSON.parse(lines[0] as string) as { id: string };
    appendFileSync(log, `${lines[0]}\n`);
    const html = join(scratchFolder('duplicates'), 'report.html');
    const written = await runInterplay(['report', run, '--out', html]);
    expect(written.code).toBe(0);
    const data = JSON.parse(parseHTML(readFileSync(html, 'utf8')).document.getElementById('report-data')?.textContent ?? 'null') as ReportData;
    expect(data.headline).toMatchObject({ trajectories: lines.length });
    expect(data.notes).toContain(`1 duplicate trajectory in trajectories.jsonl (ids ${first.id}): kept the first of each`);
  });
});
