import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { expect } from 'vitest';
import type { ReportData } from '../../../src/report/index.ts';
import { runInterplay } from '../../support/run-cli.ts';
import { largeOfflineRun } from './offline-run.ts';

/**
 * Reports a run of `total` trajectories (a multiple of 50, over the offline run's 5 blueprints) and checks
 * its paging: the summary and page 1 embedded, the other pages of 50 beside the HTML, every file under
 * 1 MB, and pass^k at every k in the chart but only the first few and the last in the text.
 */
export async function expectPagedReport(total: number): Promise<void> {
  const run = await largeOfflineRun(total);
  const result = await runInterplay(['report', run]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const html = join(run, 'report.html');
  expect(statSync(html).size).toBeLessThan(1_000_000);
  const document = parseHTML(readFileSync(html, 'utf8')).document;
  const data = JSON.parse(document.getElementById('report-data')?.textContent ?? 'null') as ReportData;
  const pageCount = total / 50;
  expect(data.headline).toMatchObject({ trajectories: total, plannedJobs: total, blueprints: 5 });
  expect(data.trajectories).toMatchObject({ total, pageSize: 50, pages: pageCount, pageFile: 'report.pages/page-{n}.js' });
  expect(data.firstPage.trajectories).toHaveLength(50);
  const pages = readdirSync(join(run, 'report.pages'));
  expect(pages).toHaveLength(pageCount - 1);
  expect(pages[0]).toBe('page-0002.js');
  const last = readFileSync(join(run, 'report.pages', `page-${String(pageCount).padStart(4, '0')}.js`), 'utf8');
  expect(last.startsWith('window.interplayReportPage(')).toBe(true);
  const page = JSON.parse(last.slice('window.interplayReportPage('.length, -');\n'.length)) as { number: number; start: number; trajectories: unknown[] };
  expect(page).toMatchObject({ number: pageCount, start: total - 50 });
  expect(page.trajectories).toHaveLength(50);
  for (const name of pages) expect(statSync(join(run, 'report.pages', name)).size).toBeLessThan(1_000_000);
  expect(data.notes.join('\n')).toContain(`${total} trajectories in ${pageCount} pages of 50`);
  const trials = total / 5;
  expect(data.headline.passHatK).toHaveLength(trials);
  expect(document.querySelector('#headline .pass-hat-k')?.textContent).toMatch(new RegExp(`^pass\\^1 = .* · pass\\^5 = \\d\\.\\d{3} · … · pass\\^${trials} = \\d\\.\\d{3} \\(every k in the chart\\)$`));
  expect(existsSync(join(run, 'report.blueprints.csv'))).toBe(false);
}
