import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { canonicalJson } from '../../domain-kit/index.ts';
import { gradeTrajectory } from '../../rollout/acceptance.ts';
import { formatSummary, summarizeTrajectories } from '../../rollout/run-summary.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { readRunInputs, readRunManifest, readTrajectoryLog, TRAJECTORY_LOG_FILE } from '../../store/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';

export function registerRegradeCommand(program: Command, io: CliIo) {
  program
    .command('regrade')
    .description("Recompute every verdict of a run from its stored trajectories and inputs, without any model.")
    .argument('<run-dir>', 'a run folder (manifest.json, inputs.json, trajectories.jsonl)')
    .option('--data <dir>', "override the run's data folder (its hash must still match)")
    .addHelpText('after', '\nExample:\n  $ interplay regrade traces/demo-retail-20260102-030405')
    .action(async (runDirectory: string, options: { data?: string }) => {
      const folder = resolve(io.cwd, runDirectory);
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${folder}: no such run folder`);
      const manifest = await readRunManifest(folder);
      const inputs = await readRunInputs(folder);
      const { domain, base } = loadDomain(manifest.domain, options.data ?? inputs.dataFolder ?? undefined, io.cwd);
      if (base.hash() !== inputs.baseHash) throw new UsageError(`the data's state hash ${base.hash()} is not the one the run used (${inputs.baseHash}): pass --data with the run's data`);
      const blueprints = new Map(inputs.blueprints.map((blueprint) => [blueprint.id, blueprint]));
      const log = await readTrajectoryLog(join(folder, TRAJECTORY_LOG_FILE));
      if (log.tornTail) io.err(`note: ignored a torn last line (line ${log.tornTail.line}) left by an interrupted run\n`);
      const regraded: Trajectory[] = [];
      let changed = 0;
      for (const trajectory of log.trajectories) {
        const blueprint = blueprints.get(trajectory.blueprintId);
        if (!blueprint) throw new UsageError(`trajectory ${trajectory.id} names blueprint ${trajectory.blueprintId}, which the run's inputs do not have`);
        const verdict = gradeTrajectory({ domain, base, blueprint, messages: trajectory.messages, termination: trajectory.termination.reason, ...(trajectory.verdict.judge ? { judge: trajectory.verdict.judge } : {}) });
        if (canonicalJson(verdict) !== canonicalJson(trajectory.verdict)) {
          changed++;
          io.out(`${trajectory.id}: stored ${trajectory.verdict.kept ? 'kept' : `rejected (${trajectory.verdict.reason})`}, now ${verdict.kept ? 'kept' : `rejected (${verdict.reason})`}\n`);
        }
        regraded.push({ ...trajectory, verdict });
      }
      io.out(`${formatSummary(summarizeTrajectories(regraded))}\nre-graded ${regraded.length} trajectories without a model: ${changed} verdict(s) differ from the stored ones\n`);
    });
}
