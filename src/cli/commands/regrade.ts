import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import { gradeTrajectory } from '../../rollout/acceptance.ts';
import { diagnoseTrajectory, explainRejection } from '../../rollout/diagnostics/index.ts';
import { gateBlueprint, type BlueprintGate } from '../../rollout/grading/blueprint-gate.ts';
import type { OutputsMatchRule } from '../../rollout/grading/outputs-match.ts';
import { verdictDifferences } from '../../rollout/grading/verdict-differences.ts';
import { formatSummary, SummaryCounter } from '../../rollout/run-summary.ts';
import { isFailedJobTermination } from '../../rollout/termination.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { describeDuplicates, iterateTrajectoryLog, iterateUniqueTrajectories, outputsMatchOf, readRunInputs, readRunManifest, TRAJECTORY_LOG_FILE } from '../../store/index.ts';
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

/** What one source of trajectories needs to be graded again: its log, its blueprints and data. */
interface RegradeSource {
  label: string;
  /** The trajectory log, streamed: never held whole. */
  log: string;
  blueprints: Map<string, Blueprint>;
  domain: Domain;
  base: BaseState;
  /** The outputs rule the run was graded with, when its manifest says. */
  outputsMatch?: OutputsMatchRule;
  /** Each blueprint the log names, with the first trajectory that names it (from a first pass over the log). */
  blueprintIds: Map<string, string>;
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
    // Then each log is streamed a second time, each trajectory graded, printed and counted, and let go.
    const counter = new SummaryCounter();
    let regraded = 0;
    let changed = 0;
    for (const [sourceIndex, source] of sources.entries()) {
      const outputsMatch = flagRule ?? source.outputsMatch ?? 'token';
      for await (const trajectory of readTrajectories(source.log, io)) {
        const result = regrade(trajectory, source, gates[sourceIndex] as Map<string, BlueprintGate>, outputsMatch, options);
        printResult(result, options, io);
        counter.add(result.trajectory);
        regraded += 1;
        if (result.differences.length > 0) changed += 1;
      }
    }
    const summary = counter.summary();
    if (options.json) io.out(`${JSON.stringify({ regraded, changed, summary })}\n`);
    else io.out(`${formatSummary(summary)}\nre-graded ${regraded} trajectories without a model: ${changed} verdict(s) differ from the stored ones\n`);
  };
}

/** One trajectory graded again against its blueprint (a failed job is not graded: it keeps its record). */
function regrade(trajectory: Trajectory, source: RegradeSource, gates: Map<string, BlueprintGate>, outputsMatch: OutputsMatchRule, options: RegradeOptions): Regraded {
  if (isFailedJobTermination(trajectory.termination.reason)) return { trajectory, differences: [] };
  // A run still being written may have appended trajectories of blueprints the first pass did not see.
  let gate = gates.get(trajectory.blueprintId);
  if (!gate) {
    gate = gateOf(source, trajectory.blueprintId, trajectory.id);
    gates.set(trajectory.blueprintId, gate);
  }
  const blueprint = source.blueprints.get(trajectory.blueprintId) as Blueprint;
  const unvalidated = !gate.passed;
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
  return { trajectory: { ...trajectory, verdict }, differences, ...(explanation ? { explanation } : {}) };
}

/** Prints one trajectory's verdict (JSON) or its differences (text). */
function printResult({ trajectory, differences, explanation }: Regraded, options: RegradeOptions, io: CliIo): void {
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

/** Stages 1-3 of every blueprint a source's trajectories name; a blueprint that cannot grade is a UsageError. */
function gatesOf(source: RegradeSource): Map<string, BlueprintGate> {
  const gates = new Map<string, BlueprintGate>();
  for (const [blueprintId, trajectoryId] of source.blueprintIds) gates.set(blueprintId, gateOf(source, blueprintId, trajectoryId));
  return gates;
}

/** Stages 1-3 of one blueprint of a source, named by one of its trajectories. */
function gateOf(source: RegradeSource, blueprintId: string, trajectoryId: string): BlueprintGate {
  const blueprint = source.blueprints.get(blueprintId);
  if (!blueprint) throw new UsageError(`${source.label}: trajectory ${trajectoryId} names blueprint ${blueprintId}, which is not among its blueprints`);
  const gate = gateBlueprint(source.domain, source.base, blueprint);
  if (gate.ungradable) throw new UsageError(`${source.label}: ${gate.ungradable}`);
  return gate;
}

/** Streams a log's trajectories, each id once; a torn last line and duplicates are noted on stderr. */
async function* readTrajectories(file: string, io: CliIo): AsyncGenerator<Trajectory> {
  yield* iterateUniqueTrajectories(file, {
    onTornTail: (tail) => io.err(`note: ${file}: ignored a torn last line (line ${tail.line}) left by an interrupted run\n`),
    onDuplicates: (duplicates) => io.err(`note: ${describeDuplicates(file, duplicates)}\n`),
  });
}

/** A first pass over a log, keeping only what is small: the blueprints and domains its trajectories name. */
async function scanLog(file: string): Promise<{ blueprintIds: Map<string, string>; domains: Set<string> }> {
  const blueprintIds = new Map<string, string>();
  const domains = new Set<string>();
  for await (const trajectory of iterateTrajectoryLog(file)) {
    if (!blueprintIds.has(trajectory.blueprintId)) blueprintIds.set(trajectory.blueprintId, trajectory.id);
    domains.add(trajectory.domain);
  }
  return { blueprintIds, domains };
}

/** A run folder carries its own blueprints, the hash of the data it was graded against, and its outputs rule. */
async function runFolderSource(folder: string, options: RegradeOptions, io: CliIo): Promise<RegradeSource> {
  const manifest = await readRunManifest(folder);
  const inputs = await readRunInputs(folder);
  const { domain, base } = loadDomain(manifest.domain, options.data ?? inputs.dataFolder ?? undefined, io.cwd);
  if (base.hash() !== inputs.baseHash) throw new UsageError(`${folder}: the data's state hash ${base.hash()} is not the one the run used (${inputs.baseHash}): pass --data with the run's data`);
  const log = join(folder, TRAJECTORY_LOG_FILE);
  const { blueprintIds } = await scanLog(log);
  return { label: folder, log, blueprintIds, blueprints: new Map(inputs.blueprints.map((blueprint) => [blueprint.id, blueprint])), domain, base, outputsMatch: outputsMatchOf(manifest) };
}

/** A bare trajectory file needs its blueprints named (`--blueprints`) and, unless the default, its data. */
async function trajectoryFileSource(file: string, options: RegradeOptions, io: CliIo): Promise<RegradeSource> {
  if (!options.blueprints || options.blueprints.length === 0) throw new UsageError(`${file}: a trajectory file needs --blueprints (the files, folders or ids it was rolled out from)`);
  const { blueprintIds, domains } = await scanLog(file);
  if (domains.size > 1) throw new UsageError(`${file}: trajectories of several domains (${[...domains].join(', ')}): give one file per domain`);
  const { domain, base } = loadDomain([...domains][0] ?? 'retail', options.data, io.cwd);
  const blueprints = resolveBlueprints(options.blueprints, io.cwd, domain.name);
  return { label: file, log: file, blueprintIds, blueprints: new Map(blueprints.map((blueprint) => [blueprint.id, blueprint])), domain, base };
}
