import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeBlueprintFile } from '../blueprints/blueprint-files.ts';
import { InvalidDataError, readDataFolder, writeDataFolder, type Domain } from '../domain-kit/index.ts';
import { readTauBenchTasks, taskToBlueprint } from './tau-bench-tasks.ts';

export interface ImportTauBenchOptions {
  domain: Domain;
  /** A folder with tau-bench's `<collection>.json` files for the domain. */
  dataFolder: string;
  /** A tau-bench task file to convert into blueprints. */
  tasksFile?: string;
  outFolder: string;
  /** Replace `outFolder` if it exists. */
  replace?: boolean;
  /** The moment stamped on the blueprints (injected: the CLI passes the wall clock). */
  now: Date;
}

export interface ImportTauBenchResult {
  outFolder: string;
  dataFiles: string[];
  records: Record<string, number>;
  blueprints: number;
  hash: string;
}

/** The split name of a tau-bench task file, e.g. "train" for retail_tasks_train.json. */
const splitOf = (file: string) => /_tasks_([a-z]+)\.json$/.exec(basename(file))?.[1];

/**
 * Imports tau-bench's data unchanged (every field kept: we check it, we do not rewrite it) into
 * `<out>/data/`, and converts its tasks into blueprints in `<out>/blueprints/`. Everything is written
 * to a sibling temporary folder first and moved into place only when all of it succeeded.
 */
export function importTauBench(options: ImportTauBenchOptions): ImportTauBenchResult {
  const { domain } = options;
  const outFolder = resolve(options.outFolder);
  if (existsSync(outFolder) && !options.replace) throw new InvalidDataError('already exists (pass --force to replace it)', outFolder);
  const data = domain.checkData(readDataFolder(options.dataFolder, domain.collections), options.dataFolder);
  const tasks = options.tasksFile ? readTauBenchTasks(options.tasksFile) : [];
  const unknownTools = tasks.flatMap((task) => task.actions.filter((action) => !domain.tool(action.name)).map((action) => `task ${task.task_index}: unknown tool "${action.name}"`));
  if (unknownTools.length > 0) throw new InvalidDataError(`tasks use tools the ${domain.name} domain does not have`, options.tasksFile as string, unknownTools.slice(0, 20));

  const records = Object.fromEntries(domain.collections.map((collection) => [collection, Object.keys(data[collection] as object).length]));
  const hash = domain.createBase(structuredClone(data)).hash();
  mkdirSync(dirname(outFolder), { recursive: true });
  const staging = `${outFolder}.partial`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const dataFiles = writeDataFolder(join(staging, 'data'), data).map((file) => join(outFolder, 'data', basename(file)));
    const createdAt = options.now.toISOString();
    const split = options.tasksFile ? splitOf(options.tasksFile) : undefined;
    for (const task of tasks) {
      const blueprint = taskToBlueprint(task, { domain: domain.name, source: 'tau-bench', ...(split ? { split } : {}), createdAt });
      writeBlueprintFile(join(staging, 'blueprints'), blueprint);
    }
    rmSync(outFolder, { recursive: true, force: true });
    renameSync(staging, outFolder);
    return { outFolder, dataFiles, records, blueprints: tasks.length, hash };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
