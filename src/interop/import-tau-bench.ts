import { basename, join, resolve } from 'node:path';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { writeBlueprintFile } from '../blueprints/blueprint-files.ts';
import { userCollection } from '../blueprints/generation/user-records.ts';
import { checkPolicy, InvalidDataError, readDataFolder, tracePolicy, writeDataFolder, type BaseState, type Domain } from '../domain-kit/index.ts';
import { policyExceptionsFor } from '../blueprints/stages/policy-exceptions.ts';
import { checkOutputFolder, writeImportFolder } from './import-folder.ts';
import { impliedIdentificationCall } from './implied-identification.ts';
import { readTauBenchTasks, taskToBlueprint, type TauBenchTask } from './tau-bench-tasks.ts';

export interface ImportTauBenchOptions {
  domain: Domain;
  /** A folder with tau-bench's `<collection>.json` files for the domain. */
  dataFolder: string;
  /** A tau-bench task file to convert into blueprints. */
  tasksFile?: string;
  outFolder: string;
  /** Replace `outFolder` if an earlier import wrote it (it holds the import's marker and nothing else). */
  replace?: boolean;
  /** The working directory: never replaced, nor any folder holding it. */
  workingDirectory: string;
  /** The moment stamped on the blueprints (injected: the CLI passes the wall clock). */
  now: Date;
}

export interface ImportTauBenchResult {
  outFolder: string;
  dataFiles: string[];
  records: Record<string, number>;
  blueprints: number;
  /** Blueprints that got the identification call their instruction implies as actions[0]. */
  identificationAdded: number;
  /** Blueprints whose gold breaks policy rules, each with the rules (recorded as `provenance.policyExceptions`). */
  policyExceptions: Array<{ id: string; rules: string[] }>;
  hash: string;
}

/** The split name of a tau-bench task file, e.g. "train" for retail_tasks_train.json. */
const splitOf = (file: string) => /_tasks_([a-z]+)\.json$/.exec(basename(file))?.[1];

/** What an import writes at the top of its folder, besides the marker. */
const IMPORT_ENTRIES = ['data', 'blueprints'];

function checkTasks(domain: Domain, tasks: readonly TauBenchTask[], users: Record<string, unknown>, tasksFile: string): void {
  const problems = tasks.flatMap((task) => [
    ...task.actions.filter((action) => !domain.tool(action.name)).map((action) => `task_index ${task.task_index}: unknown tool "${action.name}"`),
    ...(Object.hasOwn(users, task.user_id) ? [] : [`task_index ${task.task_index}: user_id "${task.user_id}" is not a user in the data`]),
  ]);
  if (problems.length > 0) throw new InvalidDataError(`tasks do not fit the ${domain.name} domain and its data`, tasksFile, problems.slice(0, 20));
}

/**
 * Imports tau-bench's data unchanged (every field kept: we check it, we do not rewrite it) into
 * `<out>/data/`, and converts its tasks into blueprints in `<out>/blueprints/`. Each blueprint starts
 * with the identification call its instruction implies (see `impliedIdentificationCall`). Everything is
 * checked first and written to a staging folder beside `<out>`, which takes its place only when all of
 * it succeeded; `replace` swaps out only a folder that an earlier import wrote.
 */
export function importTauBench(options: ImportTauBenchOptions): ImportTauBenchResult {
  const { domain } = options;
  const outFolder = resolve(options.outFolder);
  checkOutputFolder(outFolder, {
    replace: options.replace === true,
    entries: IMPORT_ENTRIES,
    protectedPaths: [
      { path: options.dataFolder, what: 'the data folder it imports' },
      ...(options.tasksFile ? [{ path: options.tasksFile, what: 'the task file it imports' }] : []),
      { path: options.workingDirectory, what: 'the working directory' },
    ],
  });
  const data = domain.checkData(readDataFolder(options.dataFolder, domain.collections), options.dataFolder);
  const tasks = options.tasksFile ? readTauBenchTasks(options.tasksFile) : [];
  if (options.tasksFile) checkTasks(domain, tasks, data[userCollection(domain)] as Record<string, unknown>, options.tasksFile);

  const records = Object.fromEntries(domain.collections.map((collection) => [collection, Object.keys(data[collection] as object).length]));
  const base = domain.createBase(structuredClone(data));
  const createdAt = options.now.toISOString();
  const split = options.tasksFile ? splitOf(options.tasksFile) : undefined;
  const blueprints = tasks.map((task) => {
    const identification = impliedIdentificationCall(domain, base, { userId: task.user_id, instruction: task.instruction, actions: task.actions.map((action) => ({ name: action.name, arguments: action.kwargs })) });
    return withPolicyExceptions(domain, base, taskToBlueprint(task, { domain: domain.name, source: 'tau-bench', ...(split ? { split } : {}), createdAt, ...(identification ? { identification } : {}) }));
  });

  const dataFiles = writeImportFolder(outFolder, { kind: 'tau-bench', domain: domain.name, createdAt }, (staging) => {
    const written = writeDataFolder(join(staging, 'data'), data).map((file) => join(outFolder, 'data', basename(file)));
    for (const blueprint of blueprints) writeBlueprintFile(join(staging, 'blueprints'), blueprint);
    return written;
  });
  const identificationAdded = blueprints.filter((blueprint) => blueprint.provenance.kind === 'imported' && blueprint.provenance.identificationAdded).length;
  const policyExceptions = blueprints.flatMap((blueprint) =>
    blueprint.provenance.kind === 'imported' && blueprint.provenance.policyExceptions ? [{ id: blueprint.id, rules: [...new Set(blueprint.provenance.policyExceptions.map((exception) => exception.rule))] }] : [],
  );
  return { outFolder, dataFiles, records, blueprints: blueprints.length, identificationAdded, policyExceptions, hash: base.hash() };
}

/**
 * The blueprint with the policy rules its gold breaks recorded in its provenance. tau-bench's gold has
 * known errors (tau2-bench later fixed several): a cancellation the policy does not allow, a certificate
 * without the change or cancellation it needs, paid bags within the free allowance. The task is kept as
 * tau-bench wrote it, so it still replays to tau-bench's expected state, and the policy stage accepts
 * exactly these violations for it, reporting each as a warning. The rules themselves are not weakened.
 */
function withPolicyExceptions(domain: Domain, base: BaseState, blueprint: Blueprint): Blueprint {
  const trace = tracePolicy(domain, base, blueprint.userId, blueprint.actions);
  const violations = checkPolicy(domain.policyRules ?? [], trace);
  if (violations.length === 0 || blueprint.provenance.kind !== 'imported') return blueprint;
  return { ...blueprint, provenance: { ...blueprint.provenance, policyExceptions: policyExceptionsFor(violations, blueprint.provenance.source) } };
}
