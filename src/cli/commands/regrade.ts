import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import { gradeTrajectory } from '../../rollout/acceptance.ts';
import { diagnoseTrajectory, explainRejection } from '../../rollout/diagnostics/index.ts';
import { gateBlueprint, type BlueprintGate } from '../../rollout/grading/blueprint-gate.ts';
import type { OutputsMatchRule } from '../../rollout/grading/outputs-match.ts';
import { verdictDifferences } from '../../rollout/grading/verdict-differences.ts';
import { formatSummary, summarizeTrajectories } from '../../rollout/run-summary.ts';
import { isFailedJobTermination } from '../../rollout/termination.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { outputsMatchOf, readRunInputs, readRunManifest, readTrajectoryLog, TRAJECTORY_LOG_FILE } from '../../store/index.ts';
import { resolveBlueprints } from '../blueprint-option.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { outputsMatchRule } from '../outputs-match-option.ts';

interface RegradeOptions {
  data?: string;
  blueprints?: string[];
  json?: boolean;
  outputsMatch?: string;
  why?: boolean;
}

/** What one source of trajectories needs to be graded again: the trajectories, their blueprints and data. */
interface RegradeSource {
  label: string;
  trajectories: Trajectory[];
  blueprints: Map<string, Blueprint>;
  domain: Domain;
  base: BaseState;
  /** The outputs rule the run was graded with, when its manifest says. */
  outputsMatch?: OutputsMatchRule;
}

/** One trajectory with its fresh verdict (a failed job keeps its record: it is not graded), and what differs from the stored one. */
interface Regraded {
  trajectory: Trajectory;
  differences: string[];
  /** With --why, for a rejected trajectory: whose failure it is and where it left the gold actions. */
  explanation?: string;
}

/** What `interplay regrade` does (its command line is in regrade-command.ts). */
export function regradeAction(io: CliIo) {
  return async (paths: string[], options: RegradeOptions) => {
    const flagRule = outputsMatchRule(options.outputsMatch);
    const sources: RegradeSource[] = [];
    for (const path of paths.map((entry) => resolve(io.cwd, entry))) {
      if (!existsSync(path)) throw new UsageError(`${path}: no such run folder or trajectory file`);
      sources.push(statSync(path).isDirectory() ? await runFolderSource(path, options, io) : await trajectoryFileSource(path, options, io));
    }
    // Everything is checked before anything is printed: a blueprint that cannot grade stops the command.
    const gates = sources.map((source) => gatesOf(source));
    const results: Regraded[] = [];
    sources.forEach((source, sourceIndex) => {
      const outputsMatch = flagRule ?? source.outputsMatch ?? 'token';
      for (const trajectory of source.trajectories) {
        if (isFailedJobTermination(trajectory.termination.reason)) {
          results.push({ trajectory, differences: [] });
          continue;
        }
        const blueprint = source.blueprints.get(trajectory.blueprintId) as Blueprint;
        const unvalidated = !(gates[sourceIndex]?.get(blueprint.id) as BlueprintGate).passed;
        const verdict = gradeTrajectory({
          domain: source.domain,
          base: source.base,
          blueprint,
          messages: trajectory.messages,
          termination: trajectory.termination.reason,
          outputsMatch,
          ...(unvalidated ? { unvalidated } : {}),
          ...(trajectory.verdict.judge ? { judge: trajectory.verdict.judge } : {}),
        });
        const differences = verdictDifferences(trajectory.verdict, verdict);
        if (verdict.termination !== trajectory.termination.reason) differences.push(`the stored termination ${trajectory.termination.reason} is not what the messages show: ${verdict.termination}`);
        const explanation = options.why && !verdict.kept ? explainRejection(trajectory.id, diagnoseTrajectory({ domain: source.domain, base: source.base, blueprint, trajectory, verdict })) : undefined;
        results.push({ trajectory: { ...trajectory, verdict }, differences, ...(explanation ? { explanation } : {}) });
      }
    });
    report(results, options, io);
  };
}

/** Prints each trajectory's verdict (JSON) or each difference (text), then the summary. */
function report(results: readonly Regraded[], options: RegradeOptions, io: CliIo): void {
  const changed = results.filter((result) => result.differences.length > 0);
  for (const { trajectory, differences, explanation } of results) {
    const failedJob = isFailedJobTermination(trajectory.termination.reason);
    if (options.json) {
      const line = failedJob
        ? { id: trajectory.id, kept: false, reason: 'failed-job', termination: trajectory.termination.reason }
        : { id: trajectory.id, kept: trajectory.verdict.kept, reason: trajectory.verdict.reason, ...(differences.length > 0 ? { differences } : {}) };
      io.out(`${JSON.stringify(explanation ? { ...line, why: explanation } : line)}\n`);
    } else if (failedJob) {
      io.out(`${trajectory.id}: a failed job (${trajectory.termination.reason}), not graded\n`);
    } else if (differences.length > 0) {
      const { verdict } = trajectory;
      io.out(`${trajectory.id}: now ${verdict.kept ? 'kept' : `rejected (${verdict.reason}${verdict.detail ? `: ${verdict.detail}` : ''})`}\n${differences.map((difference) => `  ${difference}\n`).join('')}`);
    }
    if (explanation && !options.json) io.out(`${explanation}\n`);
  }
  const summary = summarizeTrajectories(results.map((result) => result.trajectory));
  if (options.json) io.out(`${JSON.stringify({ regraded: results.length, changed: changed.length, summary })}\n`);
  else io.out(`${formatSummary(summary)}\nre-graded ${results.length} trajectories without a model: ${changed.length} verdict(s) differ from the stored ones\n`);
}

/** Stages 1-3 of every blueprint a source's trajectories name; a blueprint that cannot grade is a UsageError. */
function gatesOf(source: RegradeSource): Map<string, BlueprintGate> {
  const gates = new Map<string, BlueprintGate>();
  for (const trajectory of source.trajectories) {
    if (gates.has(trajectory.blueprintId)) continue;
    const blueprint = source.blueprints.get(trajectory.blueprintId);
    if (!blueprint) throw new UsageError(`${source.label}: trajectory ${trajectory.id} names blueprint ${trajectory.blueprintId}, which is not among its blueprints`);
    const gate = gateBlueprint(source.domain, source.base, blueprint);
    if (gate.ungradable) throw new UsageError(`${source.label}: ${gate.ungradable}`);
    gates.set(blueprint.id, gate);
  }
  return gates;
}

async function readTrajectories(file: string, io: CliIo): Promise<Trajectory[]> {
  const log = await readTrajectoryLog(file);
  if (log.tornTail) io.err(`note: ${file}: ignored a torn last line (line ${log.tornTail.line}) left by an interrupted run\n`);
  return log.trajectories;
}

/** A run folder carries its own blueprints, the hash of the data it was graded against, and its outputs rule. */
async function runFolderSource(folder: string, options: RegradeOptions, io: CliIo): Promise<RegradeSource> {
  const manifest = await readRunManifest(folder);
  const inputs = await readRunInputs(folder);
  const { domain, base } = loadDomain(manifest.domain, options.data ?? inputs.dataFolder ?? undefined, io.cwd);
  if (base.hash() !== inputs.baseHash) throw new UsageError(`${folder}: the data's state hash ${base.hash()} is not the one the run used (${inputs.baseHash}): pass --data with the run's data`);
  const trajectories = await readTrajectories(join(folder, TRAJECTORY_LOG_FILE), io);
  return { label: folder, trajectories, blueprints: new Map(inputs.blueprints.map((blueprint) => [blueprint.id, blueprint])), domain, base, outputsMatch: outputsMatchOf(manifest) };
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
