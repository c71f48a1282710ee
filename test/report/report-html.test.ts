import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/index.ts';
import { runInterplay } from '../support/run-cli.ts';
import { offlineRun, scratchFolder } from './support/offline-run.ts';
import { expectPagedReport } from './support/paged-report.ts';

const documentOf = (file: string) => parseHTML(readFileSync(file, 'utf8')).document;
type ParsedDocument = ReturnType<typeof parseHTML>['document'];
const reportData = (document: ParsedDocument) => JSON.parse(document.getElementById('report-data')?.textContent ?? 'null') as ReportData;
const texts = (document: ParsedDocument, selector: string) => [...document.querySelectorAll(selector)].map((node) => node.textContent?.trim() ?? '');

describe('interplay report on an offline run', () => {
  let run: string;
  let html: string;
  beforeAll(async () => {
    run = await offlineRun();
    html = join(scratchFolder('html'), 'offline.html');
    const written = await runInterplay(['report', run, '--out', html]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`report: ${html}\n`);
  });

  it('is one self-contained file: every script and style inline, no address outside the file', () => {
    const document = documentOf(html);
    expect([...document.querySelectorAll('script[src], link[href], img[src], iframe')]).toEqual([]);
    // The only address is the library's licence banner (a comment), never something loaded.
    expect(readFileSync(html, 'utf8').match(/https?:\/\/[^\s"')]+/g)).toEqual(['https://github.com/leeoniya/uPlot']);
    // uPlot is bundled in, not fetched.
    expect(texts(document, 'script').some((text) => text.includes('uPlot'))).toBe(true);
    expect(readdirSync(join(html, '..'))).toEqual(['offline.html']);
  });

  it('shows the headline figures the run holds', () => {
    const document = documentOf(html);
    const data = reportData(document);
    const trajectories = readFileSync(join(run, 'trajectories.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const kept = trajectories.filter((trajectory) => trajectory.verdict.kept).length;
    expect(data.headline).toMatchObject({ trajectories: 15, kept, rejected: 15 - kept, failedJobs: 1, failedByReason: { 'infrastructure-error': 1 }, plannedJobs: 15, blueprints: 5 });
    expect(data.headline.passHatK.map((point) => point.k)).toEqual([1, 2, 3]);
    const figures = Object.fromEntries([...document.querySelectorAll('#headline .figure')].map((node) => [node.querySelector('.figure-label')?.textContent, node.querySelector('.figure-value')?.textContent]));
    expect(figures).toMatchObject({ trajectories: '15', kept: String(kept), rejected: String(15 - kept), 'failed jobs': '1', 'blueprints solved': `${data.headline.blueprintsSolved} / 5` });
    expect(document.querySelector('#headline .pass-hat-k')?.textContent).toMatch(/^pass\^1 = \d\.\d{3} · pass\^2 = \d\.\d{3} · pass\^3 = \d\.\d{3}$/);
    expect(texts(document, '#headline table.usage td').join(' ')).toContain('offline:fallible-agent');
    expect(document.querySelector('#trajectories .failed-jobs')?.textContent).toContain('retail-cancel-pending-order#9: infrastructure-error — connection refused');
  });

  it('shows the funnel through the stages, acceptance per round, reasons, and the distributions with min/mean/max', () => {
    const document = documentOf(html);
    const data = reportData(document);
    expect(data.funnel).toMatchObject({ total: 6, accepted: 5, unfinished: 0, withoutFeedback: 5 / 6, withFeedback: 5 / 6 });
    expect(data.funnel?.stages.map((stage) => [stage.stage, stage.entered, stage.passed, stage.skipped])).toEqual([
      ['format', 6, 5, false],
      ['execution', 5, 5, false],
      ['policy', 5, 5, false],
      ['committee', 5, 5, true],
    ]);
    expect(texts(document, '#funnel tbody tr').at(3)).toContain('skipped');
    expect(Object.values(data.reasons.terminations).reduce((sum, value) => sum + value, 0)).toBe(15);
    expect(Object.values(data.reasons.attribution).reduce((sum, value) => sum + value, 0)).toBe(data.headline.rejected);
    for (const id of ['chart-pass-hat-k', 'chart-tokens', 'chart-funnel', 'chart-rounds', 'chart-terminations', 'chart-rejections', 'chart-attribution', 'chart-turns', 'chart-tool-calls', 'chart-user-turns']) expect(document.getElementById(id), id).not.toBeNull();
    const turns = data.distributions.turns;
    expect(turns.count).toBe(data.headline.kept);
    expect(document.querySelector('[data-stat="turns"]')?.textContent).toBe(`min ${turns.min} · mean ${(turns.mean ?? 0).toFixed(2)} · max ${turns.max}`);
    expect(turns.histogram.reduce((sum, [, value]) => sum + value, 0)).toBe(data.headline.kept);
  });

  it('lists every blueprint with its trials, kept, pass^k and commonest failure, each row pointing at its trajectories', () => {
    const document = documentOf(html);
    const data = reportData(document);
    const rows = [...document.querySelectorAll('#blueprint-table tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-blueprint'))).toEqual(['retail-cancel-pending-order', 'retail-exchange-delivered-item', 'retail-modify-order-items-1', 'retail-return-delivered-item', 'retail-update-default-address']);
    for (const row of data.blueprints.rows) {
      expect(row.trials).toBe(3);
      const views = data.firstPage.trajectories.slice(row.start, row.start + row.count);
      expect(views.map((view) => view.blueprintId)).toEqual([row.id, row.id, row.id]);
      expect(views.filter((view) => view.verdict.kept)).toHaveLength(row.kept);
      if (row.kept < row.trials) expect(row.mostCommonFailure).not.toBeNull();
    }
    expect([...document.querySelectorAll('#blueprint-table th')].map((th) => th.getAttribute('data-key'))).toEqual(['id', 'trials', 'kept', 'passHat1', 'passHatK', 'mostCommonFailure', 'mostCommonParty']);
    expect(document.getElementById('blueprint-filter')).not.toBeNull();
  });

  it('embeds each trajectory with its conversation, verdict and, when rejected, its diagnostics', () => {
    const data = reportData(documentOf(html));
    expect(data.trajectories).toMatchObject({ total: 15, pages: 1, pageFile: null });
    expect(data.systemPrompts).toHaveLength(1);
    for (const view of data.firstPage.trajectories) {
      expect(view.systemPrompt).toBe(0);
      expect(view.messages.filter((message) => message.role === 'user').length).toBeGreaterThan(0);
      if (view.verdict.kept) {
        expect(view.messages.some((message) => message.role === 'assistant' && message.tool_calls?.length)).toBe(true);
        expect(view.messages.some((message) => message.role === 'tool')).toBe(true);
        expect(view.diagnostics).toBeUndefined();
      }
      else {
        expect(view.diagnostics?.attribution.party, view.id).toBe('agent');
        expect(view.diagnostics?.alignment.firstDivergence, view.id).toBeDefined();
      }
    }
  });

  it('refuses a folder that holds no run with one line and exit 1, writing nothing', async () => {
    const empty = scratchFolder('empty');
    const result = await runInterplay(['report', empty]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('manifest.json');
    expect(readdirSync(empty)).toEqual([]);
  });
});

// The paging at a size that runs in a moment; the 10k-trajectory run is in report-html-large.slow.test.ts.
describe('interplay report on a 600-trajectory run', () => {
  it('embeds the summary and one page, and puts the other pages beside the HTML', async () => {
    await expectPagedReport(600);
  });
});
