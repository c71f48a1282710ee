import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInterplay } from '../support/run-cli.ts';
import { largeOfflineRun, offlineRun, scratchFolder } from './support/offline-run.ts';

// Debian's chromium; .ci/run installs it, so this only skips on a machine without it.
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const chromiumMissing = `skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;

const sections = ['headline', 'funnel', 'reasons', 'distributions', 'blueprints', 'trajectories'];

describe.skipIf(!available)('the report in headless Chromium, opened from disk', () => {
  let browser: BrowserContext;
  const shots = scratchFolder('screenshots');
  beforeAll(async () => {
    // A fresh profile each time (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(scratchFolder('chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      // No wall-clock bound of its own: a loaded machine starts Chromium slowly; the runner's timeout bounds the test.
      timeout: 0,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report with every request outside file:// refused, and collects what went wrong. */
  async function open(html: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage();
    // Every wait below is for an event (an element attached, a page loaded), never a time: playwright's 30 s default is off.
    page.setDefaultTimeout(0);
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file://') ? route.continue() : route.abort();
    });
    await page.goto(pathToFileURL(html).href);
    return { page, problems, requests };
  }

  it('renders every chart and section of an offline run, and opens a blueprint\'s trajectories', async () => {
    const run = await offlineRun();
    const html = join(run, 'report.html');
    expect((await runInterplay(['report', run])).code).toBe(0);
    const { page, problems, requests } = await open(html);
    const charts = ['chart-pass-hat-k', 'chart-tokens', 'chart-funnel', 'chart-rounds', 'chart-terminations', 'chart-rejections', 'chart-attribution', 'chart-turns', 'chart-tool-calls', 'chart-user-turns'];
    for (const id of charts) await page.locator(`#${id} canvas`).first().waitFor({ state: 'attached' });
    for (const id of charts) expect(await page.locator(`#${id} .uplot canvas`).count(), id).toBeGreaterThan(0);
    // The trajectory view opens on the first rejection, with its diagnostics.
    await page.locator('#trajectory-view .diagnostics').waitFor();
    expect(await page.locator('#trajectory-view').textContent()).toMatch(/whose failure: agent/);
    mkdirSync(shots, { recursive: true });
    for (const section of sections) await page.locator(`#${section}`).screenshot({ path: join(shots, `offline-${section}.png`) });

    // Filter, sort, then open a blueprint's trajectories.
    await page.fill('#blueprint-filter', 'cancel');
    expect(await page.locator('#blueprint-table tbody tr:not([hidden])').count()).toBe(1);
    await page.fill('#blueprint-filter', '');
    await page.click('#blueprint-table th[data-key="kept"]');
    const kept = await page.locator('#blueprint-table tbody tr td:nth-child(3)').allTextContents();
    expect(kept.map(Number)).toEqual([...kept.map(Number)].sort((left, right) => left - right));
    await page.click('#blueprint-table tbody tr[data-blueprint="retail-update-default-address"]');
    await page.locator('#trajectory-list button[data-trajectory="retail-update-default-address#2"]').waitFor();
    expect(await page.locator('#trajectory-list button').count()).toBe(3);
    await page.click('#trajectory-list button[data-trajectory="retail-update-default-address#1"]');
    expect(await page.locator('#trajectory-view h3').textContent()).toBe('retail-update-default-address#1');
    expect(await page.locator('#trajectory-view .message.user').count()).toBeGreaterThan(0);
    expect(await page.locator('#trajectory-view .verdict').textContent()).toMatch(/ended by user-stop/);
    await page.locator('#trajectories').screenshot({ path: join(shots, 'offline-trajectory-opened.png') });

    expect(problems).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(readdirSync(shots).length).toBe(sections.length + 1);
  });

  it('renders a 10k-trajectory run from disk, and loads a blueprint\'s trajectories from a page beside the HTML', async () => {
    const run = await largeOfflineRun(10_000);
    expect((await runInterplay(['report', run])).code).toBe(0);
    const { page, problems, requests } = await open(join(run, 'report.html'));
    for (const id of ['chart-pass-hat-k', 'chart-funnel', 'chart-rounds', 'chart-terminations', 'chart-rejections', 'chart-attribution', 'chart-turns', 'chart-tool-calls', 'chart-user-turns']) {
      await page.locator(`#${id} .uplot canvas`).first().waitFor({ state: 'attached' });
    }
    for (const section of sections) await page.locator(`#${section}`).screenshot({ path: join(shots, `large-${section}.png`) });
    // The last blueprint's trajectories lie on page 161 of 200, not embedded.
    const last = page.locator('#blueprint-table tbody tr').last();
    const id = await last.getAttribute('data-blueprint');
    await last.click();
    await page.locator(`#trajectory-list button[data-trajectory="${id}#99"]`).waitFor();
    expect(await page.locator('#trajectory-list button').count()).toBe(100);
    expect(await page.locator('#trajectory-list').textContent()).toContain('of 2000 kept (the first 100 listed)');
    expect(await page.locator('#trajectory-view h3').textContent()).toMatch(new RegExp(`^${id}#`));
    expect(requests.some((url) => url.endsWith('report.pages/page-0161.js'))).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe.skipIf(available)('the report in headless Chromium, opened from disk', () => {
  it.skip(chromiumMissing, () => {});
});
