import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Blueprint } from '../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { RoleName } from '../rollout/trajectory.ts';
import { RUN_MANIFEST_FILE, RunFolder } from '../store/index.ts';
import { codeVersion } from '../package-root.ts';
import { UsageError, type CliIo } from './cli-io.ts';
import { announceLockTakeover, runWriterOptions } from './run-writer.ts';

// codeVersion lives with the package root (light enough for `interplay --version`); its importers find it here too.
export { codeVersion };

/** A sortable stamp of the time, for default run folder names: 20260102-030405. */
export const timeStamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export interface StartRunOptions {
  io: CliIo;
  /** The run folder; default traces/<label>-<domain>-<time>. */
  out: string | undefined;
  label: string;
  domain: Domain;
  base: BaseState;
  dataFolder: string | null;
  blueprints: Blueprint[];
  seed: number;
  /** Redacted configuration (no keys): what the run was asked to do. */
  config: Record<string, unknown>;
  models: Partial<Record<RoleName, string>>;
}

/**
 * Creates a run folder with the inputs (blueprints, data) it will be graded against, its manifest and
 * an empty log, under the folder's writer lock (the command's label names the writer). The inputs go
 * first: a folder with a manifest always has its inputs, however early a full disk or a crash stopped it.
 */
export async function startRun(options: StartRunOptions): Promise<RunFolder> {
  const folder = resolve(options.io.cwd, options.out ?? `traces/${options.label}-${options.domain.name}-${timeStamp(options.io.now())}`);
  if (existsSync(join(folder, RUN_MANIFEST_FILE))) throw new UsageError(`${folder} already holds a run (${RUN_MANIFEST_FILE} exists): choose another --out`);
  options.io.noteRunFolder?.(folder);
  const run = await RunFolder.create(
    folder,
    { runId: basename(folder), codeVersion: codeVersion(), domain: options.domain.name, seed: options.seed, config: options.config, models: options.models },
    { now: options.io.now },
    { inputs: { dataFolder: options.dataFolder, baseHash: options.base.hash(), blueprints: options.blueprints }, ...runWriterOptions(options.io, options.label, { canBreakLock: false }) },
  );
  announceLockTakeover(run, options.io);
  return run;
}
