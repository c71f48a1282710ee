import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readBatchReport } from '../batch/batch-report.ts';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import { describeDuplicates, FAILED_JOBS_FILE, iterateUniqueTrajectories, readFailedJobs, readRunInputs, readRunManifest, RUN_INPUTS_FILE, TRAJECTORY_LOG_FILE, type RunInputs, type RunManifest } from '../store/index.ts';
import { ReportCollector, type CollectedReport } from './report-collector.ts';

export interface BuildRunReportOptions {
  /** The domain and data a run used (the caller resolves them: the CLI knows where domains live); undefined when unavailable. */
  resolveGrading: (manifest: RunManifest, inputs: RunInputs | undefined) => { domain: Domain; base: BaseState } | undefined;
  /** The file name of the HTML, to name the pages and the CSV beside it. */
  htmlName: string;
  pageSize?: number;
  blueprintRowLimit?: number;
}

/** Trajectories per page: page 1 is embedded, so this bounds what the HTML holds whatever the run's size. */
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_BLUEPRINT_ROW_LIMIT = 2_000;

/** What lies beside `report.html`: `report.pages/page-0002.js`... and `report.blueprints.csv`. */
export function besideFiles(htmlName: string): { pageFolder: string; pageFile: string; csvFile: string } {
  const stem = htmlName.replace(/\.html?$/i, '');
  return { pageFolder: `${stem}.pages`, pageFile: `${stem}.pages/page-{n}.js`, csvFile: `${stem}.blueprints.csv` };
}

/**
 * Reads a run folder (manifest, inputs, batch report, failed jobs, the trajectory log streamed once, each
 * trajectory id once) and
 * collects its report. A run without inputs still reports, with its stored verdicts.
 */
export async function buildRunReport(folder: string, options: BuildRunReportOptions): Promise<CollectedReport> {
  const manifest = await readRunManifest(folder);
  const notes: string[] = [];
  const inputs = existsSync(join(folder, RUN_INPUTS_FILE)) ? await readRunInputs(folder) : undefined;
  if (!inputs) notes.push(`${RUN_INPUTS_FILE} is missing: the blueprints are unknown, stored verdicts shown`);
  const grading = inputs ? options.resolveGrading(manifest, inputs) : undefined;
  // The latest record of each failed job (a job with a trajectory is not failed: the collector checks).
  const failedJobs = new Map((await readFailedJobs(join(folder, FAILED_JOBS_FILE))).map((record) => [record.jobId, record] as const));
  const beside = besideFiles(options.htmlName);
  const collector = new ReportCollector({
    manifest,
    batch: readBatchReport(manifest.batch),
    blueprints: inputs?.blueprints ?? [],
    grading,
    failedJobs,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    blueprintRowLimit: options.blueprintRowLimit ?? DEFAULT_BLUEPRINT_ROW_LIMIT,
    pageFile: beside.pageFile,
    csvFile: beside.csvFile,
    notes,
  });
  const log = join(folder, TRAJECTORY_LOG_FILE);
  if (existsSync(log)) {
    const trajectories = iterateUniqueTrajectories(log, {
      onTornTail: (tail) => notes.push(`ignored a torn last line (line ${tail.line}) of ${TRAJECTORY_LOG_FILE}`),
      onDuplicates: (duplicates) => notes.push(describeDuplicates(TRAJECTORY_LOG_FILE, duplicates)),
    });
    for await (const trajectory of trajectories) collector.add(trajectory);
  } else notes.push(`${TRAJECTORY_LOG_FILE} is missing: no trajectories yet`);
  return collector.finish();
}
