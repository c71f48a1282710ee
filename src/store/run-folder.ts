import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { InvalidDataError } from '../domain-kit/index.ts';
import type { RoleName, Trajectory } from '../rollout/trajectory.ts';
import { assertNoSecrets } from './config-secrets.ts';
import { describeIssues } from './describe-issues.ts';
import { FAILED_JOBS_FILE, FailedJobLog, type FailedJobRecord } from './failed-job-log.ts';
import { addToRunCounts, emptyRunCounts, RUN_MANIFEST_SCHEMA_VERSION, runManifestSchema, type RunCounts, type RunManifest } from './run-manifest.ts';
import { claimWriter } from './single-writer.ts';
import { TRAJECTORY_LOG_FILE, TrajectoryLogWriter, type TornTail } from './trajectory-log.ts';

export const RUN_MANIFEST_FILE = 'manifest.json';

/** What the caller knows when a run starts; the folder adds the schema version, the time and the counts. */
export interface RunDescription {
  runId: string;
  codeVersion: string;
  domain: string;
  seed: number;
  /** Already redacted: a credential-like key or value anywhere in it is refused. */
  config: Record<string, unknown>;
  models: Partial<Record<RoleName, string>>;
}

export interface RunFolderPaths {
  folder: string;
  manifest: string;
  log: string;
  /** Created with the first failed job. */
  failedJobs: string;
}

export function runFolderPaths(folder: string): RunFolderPaths {
  const absolute = resolve(folder);
  return { folder: absolute, manifest: join(absolute, RUN_MANIFEST_FILE), log: join(absolute, TRAJECTORY_LOG_FILE), failedJobs: join(absolute, FAILED_JOBS_FILE) };
}

/** Reads and zod-parses a run's manifest; a missing, unreadable or invalid file is named with its problems. */
export async function readRunManifest(folder: string): Promise<RunManifest> {
  const { manifest: file } = runFolderPaths(folder);
  let raw: unknown;
  try {
    raw = await new JSONFile<unknown>(file).read();
  } catch (error) {
    throw new InvalidDataError(`cannot read the run manifest (${(error as Error).message})`, file);
  }
  if (raw === null) throw new InvalidDataError(`no run here: ${RUN_MANIFEST_FILE} not found`, file);
  const parsed = runManifestSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError('not a valid run manifest', file, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * A run folder opened for writing: `manifest.json` through lowdb and `trajectories.jsonl` through
 * the append-only log, each with this object as its only writer. Close it when the run stops.
 */
export class RunFolder {
  readonly #failedJobs: FailedJobLog;

  private constructor(
    readonly paths: RunFolderPaths,
    private readonly database: Low<RunManifest>,
    private readonly log: TrajectoryLogWriter,
    private readonly releaseManifest: () => void,
  ) {
    this.#failedJobs = new FailedJobLog(paths.failedJobs);
  }

  /** The manifest as last written. */
  get manifest(): RunManifest {
    return this.database.data;
  }

  /** The torn tail cut off the log when the folder was opened after a crash, if there was one. */
  get repairedTail(): TornTail | undefined {
    return this.log.repairedTail;
  }

  /** Appends a trajectory to the log (fsynced), then counts it in the manifest. */
  async record(trajectory: Trajectory): Promise<void> {
    await this.log.append(trajectory);
    await this.updateCounts((counts) => addToRunCounts(counts, [trajectory]));
  }

  /** Appends a failed job to `failed-jobs.jsonl` (fsynced), then counts it by its ending. It is never a trajectory. */
  async recordFailedJob(record: FailedJobRecord): Promise<void> {
    await this.#failedJobs.append(record);
    const reason = record.termination.reason;
    await this.updateCounts((counts) => ({ ...counts, failedJobs: { ...counts.failedJobs, [reason]: (counts.failedJobs?.[reason] ?? 0) + 1 } }));
  }

  /** Rewrites the counts, e.g. recounted from the log after a crash between an append and its count. */
  async updateCounts(change: (counts: RunCounts) => RunCounts): Promise<void> {
    const parsed = runManifestSchema.shape.counts.safeParse(change(this.database.data.counts));
    if (!parsed.success) throw new InvalidDataError('refusing to store invalid run counts', this.paths.manifest, describeIssues(parsed.error));
    await this.database.update((manifest) => {
      manifest.counts = parsed.data;
    });
  }

  /** Replaces the batch report (credential-like values refused, as in the config). */
  async updateBatchReport(report: Record<string, unknown>): Promise<void> {
    assertNoSecrets(report);
    await this.database.update((manifest) => {
      manifest.batch = report;
    });
  }

  async close(): Promise<void> {
    try {
      await this.log.close();
    } finally {
      this.releaseManifest();
    }
  }

  /** Creates the folder (it must not hold a run yet) with its manifest and an empty log. */
  static async create(folder: string, description: RunDescription, clock: { now(): Date }): Promise<RunFolder> {
    const paths = runFolderPaths(folder);
    if (existsSync(paths.manifest)) throw new InvalidDataError(`already holds a run (${RUN_MANIFEST_FILE} exists)`, paths.folder);
    assertNoSecrets(description.config);
    const parsed = runManifestSchema.safeParse({
      schemaVersion: RUN_MANIFEST_SCHEMA_VERSION,
      runId: description.runId,
      createdAt: clock.now().toISOString(),
      codeVersion: description.codeVersion,
      domain: description.domain,
      seed: description.seed,
      config: description.config,
      models: description.models,
      counts: emptyRunCounts(),
    });
    if (!parsed.success) throw new InvalidDataError('cannot create a run with this description', paths.folder, describeIssues(parsed.error));
    await mkdir(paths.folder, { recursive: true });
    return RunFolder.openWriters(paths, parsed.data, true);
  }

  /** Reopens an existing run for writing (to resume it): parses the manifest, repairs the log's tail. */
  static async open(folder: string, options: { allowLostLog?: boolean } = {}): Promise<RunFolder> {
    const paths = runFolderPaths(folder);
    const manifest = await readRunManifest(paths.folder);
    // A missing log with trajectories counted is lost work, not a fresh start: never rerun it silently.
    if (!existsSync(paths.log) && manifest.counts.trajectories > 0 && !options.allowLostLog) {
      throw new InvalidDataError(`is missing, but the run's manifest counts ${manifest.counts.trajectories} trajectories: restore the file (nothing was changed), or run the lost jobs again with --rerun-lost`, paths.log);
    }
    return RunFolder.openWriters(paths, manifest, false);
  }

  private static async openWriters(paths: RunFolderPaths, manifest: RunManifest, writeManifest: boolean): Promise<RunFolder> {
    const releaseManifest = claimWriter(paths.manifest);
    try {
      const database = new Low<RunManifest>(new JSONFile<RunManifest>(paths.manifest), manifest);
      if (writeManifest) await database.write();
      const log = await TrajectoryLogWriter.open(paths.log);
      return new RunFolder(paths, database, log, releaseManifest);
    } catch (error) {
      releaseManifest();
      throw error;
    }
  }
}
