import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import { canonicalJson, type BaseState, type Domain } from '../../domain-kit/index.ts';
import { gradeTrajectory } from '../../rollout/acceptance.ts';
import { diagnoseTrajectory, explainRejection } from '../../rollout/diagnostics/index.ts';
import { formatSummary, summarizeTrajectories } from '../../rollout/run-summary.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { readRunInputs, readRunManifest, readTrajectoryLog, TRAJECTORY_LOG_FILE } from '../../store/index.ts';
import { resolveBlueprints } from '../blueprint-option.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';

interface RegradeOptions {
  data?: string;
  blueprints?: string[];
  why?: boolean;
}

/** What one source of trajectories needs to be graded again: the trajectories, their blueprints and data. */
interface RegradeSource {
  label: string;
  trajectories: Trajectory[];
  blueprints: Map<string, Blueprint>;
  domain: Domain;
  base: BaseState;
}

export function registerRegradeCommand(program: Command, io: CliIo) {
  program
    .command('regrade')
    .description('Recompute every verdict from stored trajectories, without any model: run folders, or trajectory files with their blueprints.')
    .argument('<paths...>', 'run folders (manifest.json, inputs.json, trajectories.jsonl), or trajectory .jsonl files')
    .option('--blueprints <file|dir|id...>', 'for trajectory files: the blueprints they were rolled out from')
    .option('--data <dir>', "the data folder (a run folder's own is used by default; its hash must still match)")
    .option('--why', 'for each rejected trajectory, print whose failure it is (agent, human, environment, blueprint) and where it left the gold actions')
    .addHelpText('after', '\nExamples:\n  $ interplay regrade traces/demo-20260102-030405/retail-fallible\n  $ interplay regrade some-trajectories.jsonl --blueprints blueprints/retail')
    .action(async (paths: string[], options: RegradeOptions) => {
      const regraded: Trajectory[] = [];
      let changed = 0;
      for (const path of paths.map((entry) => resolve(io.cwd, entry))) {
        if (!existsSync(path)) throw new UsageError(`${path}: no such run folder or trajectory file`);
        const source = statSync(path).isDirectory() ? await runFolderSource(path, options, io) : await trajectoryFileSource(path, options, io);
        for (const trajectory of source.trajectories) {
          const blueprint = source.blueprints.get(trajectory.blueprintId);
          if (!blueprint) throw new UsageError(`${source.label}: trajectory ${trajectory.id} names blueprint ${trajectory.blueprintId}, which is not among its blueprints`);
          const verdict = gradeTrajectory({ domain: source.domain, base: source.base, blueprint, messages: trajectory.messages, termination: trajectory.termination.reason, ...(trajectory.verdict.judge ? { judge: trajectory.verdict.judge } : {}) });
          if (canonicalJson(verdict) !== canonicalJson(trajectory.verdict)) {
            changed++;
            io.out(`${trajectory.id}: stored ${trajectory.verdict.kept ? 'kept' : `rejected (${trajectory.verdict.reason})`}, now ${verdict.kept ? 'kept' : `rejected (${verdict.reason})`}\n`);
          }
          if (options.why && !verdict.kept) io.out(`${explainRejection(trajectory.id, diagnoseTrajectory({ domain: source.domain, base: source.base, blueprint, trajectory, verdict }))}\n`);
          regraded.push({ ...trajectory, verdict });
        }
      }
      io.out(`${formatSummary(summarizeTrajectories(regraded))}\nre-graded ${regraded.length} trajectories without a model: ${changed} verdict(s) differ from the stored ones\n`);
    });
}

async function readTrajectories(file: string, io: CliIo): Promise<Trajectory[]> {
  const log = await readTrajectoryLog(file);
  if (log.tornTail) io.err(`note: ${file}: ignored a torn last line (line ${log.tornTail.line}) left by an interrupted run\n`);
  return log.trajectories;
}

/** A run folder carries its own blueprints and the hash of the data it was graded against. */
async function runFolderSource(folder: string, options: RegradeOptions, io: CliIo): Promise<RegradeSource> {
  const manifest = await readRunManifest(folder);
  const inputs = await readRunInputs(folder);
  const { domain, base } = loadDomain(manifest.domain, options.data ?? inputs.dataFolder ?? undefined, io.cwd);
  if (base.hash() !== inputs.baseHash) throw new UsageError(`${folder}: the data's state hash ${base.hash()} is not the one the run used (${inputs.baseHash}): pass --data with the run's data`);
  const trajectories = await readTrajectories(join(folder, TRAJECTORY_LOG_FILE), io);
  return { label: folder, trajectories, blueprints: new Map(inputs.blueprints.map((blueprint) => [blueprint.id, blueprint])), domain, base };
}

/** A bare trajectory file needs its blueprints named (`--blueprints`) and, unless the default, its data. */
async function trajectoryFileSource(file: string, options: RegradeOptions, io: CliIo): Promise<RegradeSource> {
  if (!options.blueprints || options.blueprints.length === 0) throw new UsageError(`${file}: a trajectory file needs --blueprints (the files, folders or ids it was rolled out from)`);
  const trajectories = await readTrajectories(file, io);
  const domains = [...new Set(trajectories.map((trajectory) => trajectory.domain))];
  if (domains.length > 1) throw new UsageError(`${file}: trajectories of several domains (${domains.join(', ')}): give one file per domain`);
  const { domain, base } = loadDomain(domains[0] ?? 'retail', options.data, io.cwd);
  const blueprints = resolveBlueprints(options.blueprints, io.cwd, domain.name);
  return { label: file, trajectories, blueprints: new Map(blueprints.map((blueprint) => [blueprint.id, blueprint])), domain, base };
}
