import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { InvalidDataError } from '../domain-kit/index.ts';
import type { RoleName, Trajectory } from '../rollout/trajectory.ts';
import { withPath } from './atomic-file.ts';
import { AtomicJsonFile } from './atomic-json-file.ts';
import { assertNoSecrets } from './config-secrets.ts';
import { describeIssues } from './describe-issues.ts';
import { FAILED_JOBS_FILE, FailedJobLog, type FailedJobRecord } from './failed-job-log.ts';
import { readRunInputs, RUN_INPUTS_FILE, writeRunInputs, type RunInputsContent } from './run-inputs.ts';
import { acquireRunLock, thisProcessWriter, type RunLock, type RunLockTakeover, type RunWriter } from './run-lock.ts';
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
  const manifest = await readManifestIfAny(runFolderPaths(folder).manifest);
  if (manifest === null) throw new InvalidDataError(`no run here: ${RUN_MANIFEST_FILE} not found`, runFolderPaths(folder).manifest);
  return manifest;
}

async function readManifestIfAny(file: string): Promise<RunManifest | null> {
  let raw: unknown;
  try {
    raw = await new AtomicJsonFile<unknown>(file).read();
  } catch (error) {
    throw new InvalidDataError(`cannot read the run manifest (${(error as Error).message})`, file);
  }
  if (raw === null) return null;
  const parsed = runManifestSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError('not a valid run manifest', file, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Where a killed writer leaves a distinct state, in order: `before-inputs` (only the lock is there),
 * `before-manifest` (inputs with the run's identity, no manifest), `after-manifest` (phase 1 not stored),
 * `mid-append` / `after-append` (half a log line on disk / a line not yet counted in the manifest),
 * `before-report` (a batch report about to be written), `before-summary` / `after-summary` (the final report).
 * `count` numbers the repeating points in this session, from 1.
 */
export type RunFolderCheckpoint = 'before-inputs' | 'before-manifest' | 'after-manifest' | 'mid-append' | 'after-append' | 'before-report' | 'before-summary' | 'after-summary';

/** How a writer opens a run folder: who it is, whether it may break another writer's lock, and test hooks. */
export interface RunFolderWriterOptions {
  /** This process, named by the command, by default. */
  writer?: RunWriter;
  /** Take the folder's lock even from a live writer or one on another host (the user says it is gone). */
  breakLock?: boolean;
  /** What a refused second writer is told to do (default: run with --break-lock if that process is gone). */
  refusalHint?: string;
  /**
   * Called synchronously at each checkpoint: the kill-point tests stop the writer there (a real SIGKILL)
   * and check that a resume ends exactly like an uninterrupted run.
   */
  checkpoint?: (point: RunFolderCheckpoint, count: number) => void;
}

export interface CreateRunFolderOptions extends RunFolderWriterOptions {
  /** The inputs the run is graded against, written atomically with the run's identity before the manifest. */
  inputs?: RunInputsContent;
}

/**
 * A run folder opened for writing: `manifest.json` through lowdb and `trajectories.jsonl` through
 * the append-only log, each with this object as its only writer in this process, and the folder's
 * `writer.lock` held against other processes from before the first write until close. A write that
 * fails names its file, rejects its caller and aborts `writeFailed`, so the batch stops cleanly.
 */
export class RunFolder {
  readonly #failedJobs: FailedJobLog;
  readonly #writeFailed = new AbortController();
  #reports: Promise<void> = Promise.resolve();
  #reportFailure: unknown;
  #counters = new Map<RunFolderCheckpoint, number>();

  private constructor(
    readonly paths: RunFolderPaths,
    private readonly database: Low<RunManifest>,
    private readonly log: TrajectoryLogWriter,
    private readonly releaseWriter: () => Promise<void>,
    /** Set when the folder's lock was taken over from a dead writer or broken (--break-lock): the CLI says so. */
    readonly lockTakeover: RunLockTakeover | undefined,
    private readonly checkpoint: RunFolderWriterOptions['checkpoint'],
  ) {
    this.#failedJobs = new FailedJobLog(paths.failedJobs);
  }

  /** Aborted (with the error) by the first write to this folder that failed: stop the batch with it. */
  get writeFailed(): AbortSignal {
    return this.#writeFailed.signal;
  }

  private reach(point: RunFolderCheckpoint): void {
    if (!this.checkpoint) return;
    const count = (this.#counters.get(point) ?? 0) + 1;
    this.#counters.set(point, count);
    this.checkpoint(point, count);
  }

  /** Runs a write; its failure (naming `file`) is also the folder's write failure. */
  private async guarded<T>(file: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const named = withPath(error, file);
      if (!this.#writeFailed.signal.aborted) this.#writeFailed.abort(named);
      throw named;
    }
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
    await this.guarded(this.paths.log, () => this.log.append(trajectory));
    this.reach('after-append');
    await this.updateCounts((counts) => addToRunCounts(counts, [trajectory]));
  }

  /** Appends a failed job to `failed-jobs.jsonl` (fsynced), then counts it by its ending. It is never a trajectory. */
  async recordFailedJob(record: FailedJobRecord): Promise<void> {
    await this.guarded(this.paths.failedJobs, () => this.#failedJobs.append(record));
    const reason = record.termination.reason;
    await this.updateCounts((counts) => ({ ...counts, failedJobs: { ...counts.failedJobs, [reason]: (counts.failedJobs?.[reason] ?? 0) + 1 } }));
  }

  /** Rewrites the counts, e.g. recounted from the log after a crash between an append and its count. */
  async updateCounts(change: (counts: RunCounts) => RunCounts): Promise<void> {
    const parsed = runManifestSchema.shape.counts.safeParse(change(this.database.data.counts));
    if (!parsed.success) throw new InvalidDataError('refusing to store invalid run counts', this.paths.manifest, describeIssues(parsed.error));
    await this.guarded(this.paths.manifest, () =>
      this.database.update((manifest) => {
        manifest.counts = parsed.data;
      }),
    );
  }

  /** Replaces the batch report (credential-like values refused, as in the config). */
  async updateBatchReport(report: Record<string, unknown>): Promise<void> {
    assertNoSecrets(report);
    const final = report.summary !== undefined;
    this.reach(final ? 'before-summary' : 'before-report');
    await this.guarded(this.paths.manifest, () =>
      this.database.update((manifest) => {
        manifest.batch = report;
      }),
    );
    if (final) this.reach('after-summary');
  }

  /**
   * Queues a batch report write behind the earlier ones and returns at once: progress reports are written
   * while the batch runs. A failure never escapes as an unhandled rejection: it aborts `writeFailed` (so
   * the batch stops) and `flushBatchReports` rethrows it.
   */
  queueBatchReport(report: Record<string, unknown>): void {
    this.#reports = this.#reports.then(async () => {
      if (this.#reportFailure !== undefined) return;
      await this.updateBatchReport(report).catch((error: unknown) => void (this.#reportFailure = error));
    });
  }

  /** Waits for the queued batch reports; rejects with the first that failed. */
  async flushBatchReports(): Promise<void> {
    await this.#reports;
    if (this.#reportFailure !== undefined) throw this.#reportFailure;
  }

  /** Closes the log and gives the folder's lock back (also after a failure). */
  async close(): Promise<void> {
    try {
      await this.#reports;
      await this.log.close();
    } finally {
      await this.releaseWriter();
    }
  }

  /**
   * Creates the folder (it must not hold a run yet). Its lock comes first; then the inputs, which carry
   * the run's identity (its manifest as it starts), in one atomic file; then the manifest and an empty
   * log. A writer killed at any point leaves either a folder with no run in it (start it again) or one
   * that `open` resumes.
   */
  static async create(folder: string, description: RunDescription, clock: { now(): Date }, options: CreateRunFolderOptions = {}): Promise<RunFolder> {
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
    const manifest = parsed.data;
    return RunFolder.openWriters(paths, options, clock, async (manifestFile) => {
      // Checked again under the lock: another writer may have started this folder since.
      if (existsSync(paths.manifest)) throw new InvalidDataError(`already holds a run (${RUN_MANIFEST_FILE} exists)`, paths.folder);
      options.checkpoint?.('before-inputs', 1);
      if (options.inputs) await writeRunInputs(paths.folder, { ...options.inputs, manifest });
      options.checkpoint?.('before-manifest', 1);
      await manifestFile.write(manifest);
      options.checkpoint?.('after-manifest', 1);
      return manifest;
    });
  }

  /**
   * Reopens an existing run for writing (to resume it), under its lock: parses the manifest — or, when
   * the writer that started the run was killed before writing it, recreates it from the identity stored
   * with the inputs — and repairs the log's tail.
   */
  static async open(folder: string, clock: { now(): Date }, options: RunFolderWriterOptions & { allowLostLog?: boolean } = {}): Promise<RunFolder> {
    const paths = runFolderPaths(folder);
    return RunFolder.openWriters(paths, options, clock, async (manifestFile) => {
      let manifest = await readManifestIfAny(paths.manifest);
      if (manifest === null) {
        const identity = existsSync(join(paths.folder, RUN_INPUTS_FILE)) ? (await readRunInputs(paths.folder)).manifest : undefined;
        if (!identity) throw new InvalidDataError(`no run here: ${RUN_MANIFEST_FILE} not found`, paths.manifest);
        manifest = identity;
        await manifestFile.write(manifest);
      }
      // A missing log with trajectories counted is lost work, not a fresh start: never rerun it silently.
      if (!existsSync(paths.log) && manifest.counts.trajectories > 0 && !options.allowLostLog) {
        throw new InvalidDataError(`is missing, but the run's manifest counts ${manifest.counts.trajectories} trajectories: restore the file (nothing was changed), or run the lost jobs again with --rerun-lost`, paths.log);
      }
      return manifest;
    });
  }

  /**
   * Claims the manifest in this process, then the folder's lock against other processes, before `prepare`
   * writes anything; opens the log last. Whatever fails gives both back.
   */
  private static async openWriters(paths: RunFolderPaths, options: RunFolderWriterOptions, clock: { now(): Date }, prepare: (manifestFile: AtomicJsonFile<RunManifest>) => Promise<RunManifest>): Promise<RunFolder> {
    const releaseManifest = claimWriter(paths.manifest);
    let lock: RunLock | undefined;
    const release = async () => {
      try {
        await lock?.release();
      } finally {
        releaseManifest();
      }
    };
    try {
      await mkdir(paths.folder, { recursive: true });
      lock = await acquireRunLock(paths.folder, {
        writer: options.writer ?? thisProcessWriter('interplay'),
        clock,
        ...(options.breakLock ? { breakLock: true } : {}),
        ...(options.refusalHint ? { refusalHint: options.refusalHint } : {}),
      });
      const manifestFile = new AtomicJsonFile<RunManifest>(paths.manifest);
      const database = new Low<RunManifest>(manifestFile, await prepare(manifestFile));
      const log = await TrajectoryLogWriter.open(paths.log, options.checkpoint ? { midAppend: (count) => options.checkpoint!('mid-append', count) } : {});
      return new RunFolder(paths, database, log, release, lock.takeover, options.checkpoint);
    } catch (error) {
      await release();
      throw error;
    }
  }
}

