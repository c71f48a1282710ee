import { existsSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { canonicalJson, InvalidDataError, type BaseState, type Domain } from '../domain-kit/index.ts';
import type { ChatMessage } from '../models/chat-message.ts';
import { gradeTrajectory } from '../rollout/acceptance.ts';
import { TRAJECTORY_SCHEMA_VERSION, type RolloutStats, type Trajectory } from '../rollout/trajectory.ts';
import { RunFolder, type RunFolderWriterOptions } from '../store/index.ts';
import { entryName, isTauBenchSuccess, readTauBenchResults, tauBenchTermination, trajMessages, type TauBenchResultEntry } from './tau-bench-results.ts';
import { taskToBlueprint } from './tau-bench-tasks.ts';

export interface ImportTauBenchResultsOptions {
  domain: Domain;
  /** The data the results were produced on (tau-bench's data folder for the domain). */
  dataFolder: string;
  base: BaseState;
  resultsFile: string;
  /** The run folder to create: it must not exist yet, or be empty. */
  outFolder: string;
  codeVersion: string;
  /** Stamped on the run, its blueprints and trajectories (injected: the CLI passes the wall clock). */
  now: Date;
  /** Who writes the run folder (its lock), and the test stop points: the CLI's. */
  writing?: RunFolderWriterOptions;
}

/** One graded entry: tau-bench's reward beside interplay's verdict. */
export interface GradedTauBenchResult {
  task_id: number;
  trial: number;
  tau_reward: number;
  state_match: boolean;
  outputs_ok: boolean;
  kept: boolean;
  /** interplay's verdict reason (`accepted` when kept). */
  reason: string;
}

export interface TauBenchAgreement {
  entries: number;
  /** Entries tau-bench rewarded 1. */
  tau_successes: number;
  /** Entries interplay kept. */
  kept: number;
  /** Entries where kept ⇔ reward 1. */
  agree: number;
  /** agree / entries (1 when there are no entries). */
  agreement: number;
  disagreements: GradedTauBenchResult[];
}

export interface ImportTauBenchResultsResult {
  runFolder: string;
  results: GradedTauBenchResult[];
  agreement: TauBenchAgreement;
}

/** The models a tau-bench run used are not in its results file: the roles are named by where they came from. */
const TAU_BENCH_MODELS = { human: 'tau-bench:user-simulator', agent: 'tau-bench:agent' } as const;

function statsOf(messages: readonly ChatMessage[]): RolloutStats {
  const toolMessages = messages.filter((message) => message.role === 'tool');
  return {
    turns: messages.filter((message) => message.role === 'user' || message.role === 'assistant').length,
    toolCalls: messages.reduce((total, message) => total + (message.role === 'assistant' ? (message.tool_calls?.length ?? 0) : 0), 0),
    toolErrors: toolMessages.filter((message) => message.content.startsWith('Error')).length,
    protocolErrors: 0,
    waitNudges: 0,
  };
}

/** One blueprint per task id, from the task each entry carries; entries of one task id must agree on it. */
function blueprintsOf(domain: Domain, entries: readonly TauBenchResultEntry[], file: string, createdAt: string): Map<number, Blueprint> {
  const blueprints = new Map<number, Blueprint>();
  const problems: string[] = [];
  entries.forEach((entry, position) => {
    const { task } = entry.info;
    task.actions.forEach((action, index) => {
      if (!domain.tool(action.name)) problems.push(`${entryName(entry, position)}: info.task.actions.${index}.name: "${action.name}" is not a ${domain.name} tool`);
    });
    const blueprint = taskToBlueprint({ ...task, task_index: entry.task_id }, { domain: domain.name, source: 'tau-bench', createdAt });
    const known = blueprints.get(entry.task_id);
    if (!known) blueprints.set(entry.task_id, blueprint);
    else if (canonicalJson(known) !== canonicalJson(blueprint)) problems.push(`${entryName(entry, position)}: info.task differs from the task of an earlier entry with task_id ${entry.task_id}`);
  });
  if (problems.length > 0) throw new InvalidDataError('the results do not fit the domain', file, problems.slice(0, 20));
  return blueprints;
}

function checkOutFolder(folder: string): void {
  if (existsSync(folder) && readdirSync(folder).length > 0) throw new InvalidDataError('already exists and is not empty (a new run folder is written here)', folder);
}

/**
 * Grades every entry of a tau-bench results file with interplay: tau-bench's traj mapped to chat
 * messages, the ending read from them, the task from `info.task` as the blueprint, tau-bench's outputs
 * rule. Everything is read and graded before anything is written; then a run folder (manifest, inputs
 * with the blueprints and the data folder, trajectory log) takes the graded trajectories, so `regrade`,
 * `export` and `watch` read it like any run.
 */
export async function importTauBenchResults(options: ImportTauBenchResultsOptions): Promise<ImportTauBenchResultsResult> {
  const { domain, base } = options;
  const file = resolve(options.resultsFile);
  const outFolder = resolve(options.outFolder);
  checkOutFolder(outFolder);
  const entries = readTauBenchResults(file);
  const createdAt = options.now.toISOString();
  const blueprints = blueprintsOf(domain, entries, file, createdAt);

  const seen = new Map<string, number>();
  const graded = entries.map((entry, position) => {
    const name = entryName(entry, position);
    const blueprint = blueprints.get(entry.task_id) as Blueprint;
    const id = `${blueprint.id}#${entry.trial}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) throw new InvalidDataError(`${name}: task_id ${entry.task_id} trial ${entry.trial} was already given by entry ${earlier}`, file);
    seen.set(id, position);
    const messages = trajMessages(entry, name, file);
    const termination = tauBenchTermination(messages);
    const verdict = gradeTrajectory({ domain, base, blueprint, messages, termination: termination.reason, outputsMatch: 'tau-bench' });
    const trajectory: Trajectory = {
      schemaVersion: TRAJECTORY_SCHEMA_VERSION,
      id,
      blueprintId: blueprint.id,
      domain: domain.name,
      attempt: entry.trial,
      seed: 0,
      models: { ...TAU_BENCH_MODELS },
      messages,
      termination,
      stats: statsOf(messages),
      usage: {},
      finalStateHash: verdict.state.finalHash,
      verdict,
      timings: { startedAt: createdAt, endedAt: createdAt, durationMs: 0 },
    };
    const result: GradedTauBenchResult = {
      task_id: entry.task_id,
      trial: entry.trial,
      tau_reward: entry.reward,
      state_match: verdict.state.match,
      outputs_ok: verdict.outputs.missing.length === 0,
      kept: verdict.kept,
      reason: verdict.reason,
    };
    return { trajectory, result };
  });

  const run = await RunFolder.create(
    outFolder,
    { runId: basename(outFolder), codeVersion: options.codeVersion, domain: domain.name, seed: 0, config: { command: 'import tau-bench-results', results: file, outputsMatch: 'tau-bench' }, models: { ...TAU_BENCH_MODELS } },
    { now: () => options.now },
    // The inputs go in with the run's identity, before the manifest, under the folder's lock.
    { inputs: { dataFolder: resolve(options.dataFolder), baseHash: base.hash(), blueprints: [...blueprints.values()] }, ...options.writing },
  );
  try {
    for (const { trajectory } of graded) await run.record(trajectory);
  } finally {
    await run.close();
  }
  const results = graded.map(({ result }) => result);
  return { runFolder: run.paths.folder, results, agreement: agreementOf(results) };
}

/** How often interplay's verdict agrees with tau-bench's reward: kept ⇔ reward 1. */
export function agreementOf(results: readonly GradedTauBenchResult[]): TauBenchAgreement {
  const disagreements = results.filter((result) => result.kept !== isTauBenchSuccess(result.tau_reward));
  return {
    entries: results.length,
    tau_successes: results.filter((result) => isTauBenchSuccess(result.tau_reward)).length,
    kept: results.filter((result) => result.kept).length,
    agree: results.length - disagreements.length,
    agreement: results.length === 0 ? 1 : (results.length - disagreements.length) / results.length,
    disagreements,
  };
}
