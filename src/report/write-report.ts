import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomically } from '../store/index.ts';
import { besideFiles } from './build-run-report.ts';
import type { ReportAssets } from './report-assets.ts';
import type { BlueprintRow } from './report-data.ts';
import type { CollectedReport } from './report-collector.ts';
import { renderPageScript, renderReportHtml } from './render-report-html.ts';

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The whole blueprint table as CSV, for runs with more blueprints than the HTML embeds. */
export function blueprintCsv(rows: readonly BlueprintRow[]): string {
  const header = 'blueprint,trials,kept,pass^1,pass^k,most common failure,whose';
  return [header, ...rows.map((row) => [row.id, row.trials, row.kept, row.passHat1.toFixed(4), row.passHatK.toFixed(4), row.mostCommonFailure, row.mostCommonParty].map(csvField).join(','))].join('\n') + '\n';
}

/**
 * Writes the report: the pages and the CSV first, the HTML last (each file whole or not at all), so an HTML
 * that exists never points at pages that do not. Pages of an earlier report of the same name are removed.
 * Returns every file written.
 */
export async function writeReport(htmlFile: string, report: CollectedReport, assets: ReportAssets): Promise<string[]> {
  const folder = dirname(htmlFile);
  const beside = besideFiles(basename(htmlFile));
  await rm(join(folder, beside.pageFolder), { recursive: true, force: true });
  const written: string[] = [];
  for (const page of report.otherPages) {
    const file = join(folder, beside.pageFile.replace('{n}', String(page.number).padStart(4, '0')));
    await writeFileAtomically(file, [renderPageScript(page)]);
    written.push(file);
  }
  if (report.allRows) {
    const file = join(folder, beside.csvFile);
    await writeFileAtomically(file, [blueprintCsv(report.allRows)]);
    written.push(file);
  }
  await writeFileAtomically(htmlFile, [renderReportHtml(report.data, assets)]);
  written.push(htmlFile);
  return written;
}
