import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Blueprint } from '../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { RoleName } from '../rollout/trajectory.ts';
import { RunFolder, writeRunInputs } from '../store/index.ts';
import type { CliIo } from './cli-io.ts';

/** The version in package.json: recorded in every run manifest. */
export const codeVersion = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

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

/** Creates a run folder with its manifest, an empty log, and the inputs (blueprints, data) it will be graded against. */
export async function startRun(options: StartRunOptions): Promise<RunFolder> {
  const folder = resolve(options.io.cwd, options.out ?? `traces/${options.label}-${options.domain.name}-${timeStamp(options.io.now())}`);
  const run = await RunFolder.create(
    folder,
    { runId: basename(folder), codeVersion: codeVersion(), domain: options.domain.name, seed: options.seed, config: options.config, models: options.models },
    { now: options.io.now },
  );
  await writeRunInputs(run.paths.folder, { dataFolder: options.dataFolder, baseHash: options.base.hash(), blueprints: options.blueprints });
  return run;
}
