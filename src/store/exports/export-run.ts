import { createHash } from 'node:crypto';
import { canonicalJson, InvalidDataError } from '../../domain-kit/index.ts';
import { isFailedJobTermination } from '../../rollout/termination.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import type { VerdictReason } from '../../rollout/verdict.ts';
import { writeFileAtomically } from '../atomic-file.ts';
import { readRunManifest, runFolderPaths } from '../run-folder.ts';
import type { RunManifest } from '../run-manifest.ts';
import { iterateUniqueTrajectories, type DuplicateTrajectories, type TornTail } from '../trajectory-log.ts';
import type { ExportContext } from './export-context.ts';
import { exportFormats, serializeRecords, type ExportFormatName } from './export-formats.ts';
import { openRunGrading, regradeTrajectory, tauBenchTaskId, type LoadGradingData } from './run-grading.ts';

export interface ExportRunOptions {
  runFolder: string;
  format: ExportFormatName;
  outFile: string;
  /** Also export trajectories whose verdict did not keep them. */
  all?: boolean;
  /** Training formats: keep identical records (by default each distinct conversation is written once). */
  allSuccesses?: boolean;
  /** The policy and tools of the run's domain (the caller resolves the domain by name). */
  contextFor(domain: string): ExportContext;
  /** The run's domain and data, to grade every trajectory again before it is written. */
  loadData: LoadGradingData;
  /**
   * Only for runs on tasks imported from tau-bench: the export carries tau-bench's own policy or tool
   * texts (the context holds them), so every exported trajectory's blueprint must come from tau-bench.
   */
  tauBenchTexts?: boolean;
}

/** A stored verdict that grading the transcript again did not confirm. */
export interface VerdictNotHeld {
  trajectoryId: string;
  stored: { kept: boolean; reason: VerdictReason };
  now: { kept: boolean; reason: VerdictReason };
}

export interface ExportSummary {
  manifest: RunManifest;
  exported: number;
  /** Left out because the verdict (graded again) did not keep them (always 0 with `all`). */
  skippedNotKept: number;
  /** Left out as copies of a record already written (training formats, unless `allSuccesses`). */
  skippedDuplicates: number;
  /** Left out as failed jobs (an old trajectory whose ending was about the world, not the agent). */
  skippedFailedJobs: number;
  /** Stored verdicts whose `kept` the new grading contradicts, in log order. */
  verdictsNotHeld: VerdictNotHeld[];
  /** The torn last line of the log, ignored, if the run crashed mid-write. */
  tornTail: TornTail | undefined;
  /** Trajectories the log held more than once (two writers): only the first of each was read. */
  duplicates: DuplicateTrajectories | undefined;
  /** The trajectory log read. */
  log: string;
}

/**
 * Exports a run folder's trajectories in one format. The stored verdicts are never trusted: each
 * trajectory is graded again (the run's blueprints and data, the run's outputs rule) and exported only
 * when that verdict keeps it; the stored verdicts it contradicts are reported. The log is streamed record
 * by record (each trajectory id once: later copies are skipped and reported) into a temporary file that replaces `outFile` only once complete, so a failure leaves no half export.
 */
export async function exportRun(options: ExportRunOptions): Promise<ExportSummary> {
  const paths = runFolderPaths(options.runFolder);
  const manifest = await readRunManifest(paths.folder);
  const grading = await openRunGrading(paths.folder, manifest, options.loadData);
  const context = options.contextFor(manifest.domain);
  const format = exportFormats[options.format];
  const unique = format.training && options.allSuccesses !== true;
  const summary: ExportSummary = { manifest, exported: 0, skippedNotKept: 0, skippedDuplicates: 0, skippedFailedJobs: 0, verdictsNotHeld: [], tornTail: undefined, duplicates: undefined, log: paths.log };
  const written = new Set<string>();

  async function* records(): AsyncGenerator<unknown> {
    const trajectories = iterateUniqueTrajectories(paths.log, { onTornTail: (tail) => (summary.tornTail = tail), onDuplicates: (duplicates) => (summary.duplicates = duplicates) });
    for await (const trajectory of trajectories) {
      checkDomain(trajectory, manifest, paths.log);
      if (isFailedJobTermination(trajectory.termination.reason)) {
        summary.skippedFailedJobs += 1;
        continue;
      }
      const { verdict, blueprint, position } = regradeTrajectory(trajectory, grading, paths.log);
      if (verdict.kept !== trajectory.verdict.kept) {
        summary.verdictsNotHeld.push({ trajectoryId: trajectory.id, stored: { kept: trajectory.verdict.kept, reason: trajectory.verdict.reason }, now: { kept: verdict.kept, reason: verdict.reason } });
      }
      if (!verdict.kept && options.all !== true) {
        summary.skippedNotKept += 1;
        continue;
      }
      if (options.tauBenchTexts) checkFromTauBench(trajectory, blueprint.provenance, paths.log);
      const record = format.toRecord({ trajectory, verdict, blueprint, taskId: tauBenchTaskId(blueprint, position) }, context);
      if (unique) {
        const key = createHash('sha256').update(canonicalJson(record)).digest('hex');
        if (written.has(key)) {
          summary.skippedDuplicates += 1;
          continue;
        }
        written.add(key);
      }
      summary.exported += 1;
      yield record;
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

function checkFromTauBench(trajectory: Trajectory, provenance: { kind: string; source?: string }, log: string): void {
  if (provenance.kind !== 'imported' || provenance.source !== 'tau-bench') {
    throw new InvalidDataError(`--policy-text and --tool-text carry tau-bench's own texts, but trajectory ${trajectory.id} is of blueprint ${trajectory.blueprintId}, which was not imported from tau-bench`, log);
  }
}
