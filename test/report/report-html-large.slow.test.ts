import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/index.ts';
import { runInterplay } from '../support/run-cli.ts';
import { largeOfflineRun } from './support/offline-run.ts';

// The report at scale (npm run test:slow): the HTML and each page stay under 1 MB at 10k trajectories. The
// same paging on 600 trajectories is in report-html.test.ts (npm test).

const documentOf = (file: string) => parseHTML(readFileSync(file, 'utf8')).document;
const reportData = (document: ReturnType<typeof documentOf>) => JSON.parse(document.getElementById('report-data')?.textContent ?? 'null') as ReportData;

describe('interplay report on a 10k-trajectory run', () => {
  it('embeds the summary and one page, and puts the other pages beside the HTML', async () => {
    const run = await largeOfflineRun(10_000);
    const result = await runInterplay(['report', run]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = join(run, 'report.html');
    const size = statSync(html).size;
    expect(size).toBeLessThan(1_000_000);
    const data = reportData(documentOf(html));
    expect(data.headline).toMatchObject({ trajectories: 10_000, plannedJobs: 10_000 });
    expect(data.trajectories).toMatchObject({ total: 10_000, pageSize: 50, pages: 200, pageFile: 'report.pages/page-{n}.js' });
    expect(data.firstPage.trajectories).toHaveLength(50);
    const pages = readdirSync(join(run, 'report.pages'));
    expect(pages).toHaveLength(199);
    expect(pages[0]).toBe('page-0002.js');
    const last = readFileSync(join(run, 'report.pages', 'page-0200.js'), 'utf8');
    expect(last.startsWith('window.interplayReportPage(')).toBe(true);
    const page = JSON.parse(last.slice('window.interplayReportPage('.length, -');\n'.length)) as { number: number; start: number; trajectories: unknown[] };
    expect(page).toMatchObject({ number: 200, start: 9_950 });
    expect(page.trajectories).toHaveLength(50);
    for (const name of pages) expect(statSync(join(run, 'report.pages', name)).size).toBeLessThan(1_000_000);
    expect(data.notes.join('\n')).toContain('10000 trajectories in 200 pages of 50');
    // pass^k over 2,000 trials per blueprint: the chart holds every k, the text the first few and the last.
    expect(data.headline.passHatK).toHaveLength(2_000);
    expect(documentOf(html).querySelector('#headline .pass-hat-k')?.textContent).toMatch(/^pass\^1 = .* · pass\^5 = \d\.\d{3} · … · pass\^2000 = \d\.\d{3} \(every k in the chart\)$/);
    expect(existsSync(join(run, 'report.blueprints.csv'))).toBe(false);
  });
});
