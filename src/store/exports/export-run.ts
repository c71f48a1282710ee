import { InvalidDataError } from '../../domain-kit/index.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { writeFileAtomically } from '../atomic-file.ts';
import { readRunManifest, runFolderPaths } from '../run-folder.ts';
import type { RunManifest } from '../run-manifest.ts';
import { iterateTrajectoryLog, type TornTail } from '../trajectory-log.ts';
import { isSelectedForExport, type ExportContext } from './export-context.ts';
import { exportFormats, serializeRecords, type ExportFormatName } from './export-formats.ts';

export interface ExportRunOptions {
  runFolder: string;
  format: ExportFormatName;
  outFile: string;
  /** Also export trajectories whose verdict did not keep them. */
  all?: boolean;
  /** The policy and tools of the run's domain (the caller resolves the domain by name). */
  contextFor(domain: string): ExportContext;
}

export interface ExportSummary {
  manifest: RunManifest;
  exported: number;
  /** Left out because the verdict did not keep them (always 0 with `all`). */
  skippedNotKept: number;
  /** The torn last line of the log, ignored, if the run crashed mid-write. */
  tornTail: TornTail | undefined;
}

/**
 * Exports a run folder's trajectories in one format. The log is streamed record by record into a
 * temporary file that replaces `outFile` only once complete, so a failure leaves no half export.
 */
export async function exportRun(options: ExportRunOptions): Promise<ExportSummary> {
  const paths = runFolderPaths(options.runFolder);
  const manifest = await readRunManifest(paths.folder);
  const context = options.contextFor(manifest.domain);
  const format = exportFormats[options.format];
  const summary: ExportSummary = { manifest, exported: 0, skippedNotKept: 0, tornTail: undefined };

  async function* records(): AsyncGenerator<unknown> {
    const trajectories = iterateTrajectoryLog(paths.log, { onTornTail: (tail) => (summary.tornTail = tail) });
    for await (const trajectory of trajectories) {
      checkDomain(trajectory, manifest, paths.log);
      if (!isSelectedForExport(trajectory, { all: options.all === true })) {
        summary.skippedNotKept += 1;
        continue;
      }
      summary.exported += 1;
      yield format.toRecord(trajectory, context);
    }
  }

  await writeFileAtomically(options.outFile, serializeRecords(records(), format.layout));
  return summary;
}

function checkDomain(trajectory: Trajectory, manifest: RunManifest, log: string): void {
  if (trajectory.domain !== manifest.domain) {
    throw new InvalidDataError(`trajectory ${trajectory.id} is for domain ${trajectory.domain}, but the run is for ${manifest.domain}`, log);
  }
}
