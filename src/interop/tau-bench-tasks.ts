import { z } from 'zod';
import { BLUEPRINT_LIMITS, BLUEPRINT_SCHEMA_VERSION, type Blueprint } from '../blueprints/blueprint.ts';
import { InvalidDataError, JsonFileError, readJsonFile, type ToolCall } from '../domain-kit/index.ts';

/** Bytes of a tau-bench task file (retail's train split is 0.4 MB). Each task must also fit a blueprint's limits. */
export const TAU_BENCH_TASK_FILE_BYTES = 50_000_000;

/** One row of a tau-bench task file. */
export const tauBenchTaskSchema = z.looseObject({
  task_index: z.number().int().nonnegative().optional(),
  annotator: z.union([z.string(), z.number()]).optional(),
  user_id: z.string().min(1),
  instruction: z.string(),
  actions: z.array(z.looseObject({ name: z.string().min(1), kwargs: z.record(z.string(), z.unknown()) })).max(BLUEPRINT_LIMITS.actions, `at most ${BLUEPRINT_LIMITS.actions} actions per task`),
  outputs: z.array(z.string()).max(BLUEPRINT_LIMITS.outputs, `at most ${BLUEPRINT_LIMITS.outputs} outputs per task`).default([]),
});

export type TauBenchTask = z.infer<typeof tauBenchTaskSchema> & { task_index: number };

/**
 * Reads a tau-bench task file (a JSON array of task rows). A row without `task_index` takes its
 * position. Every malformed row is named with its index and field.
 */
export function readTauBenchTasks(file: string): TauBenchTask[] {
  let raw: unknown;
  try {
    // A task file is a list of blueprints' worth of tasks: one level deeper than a blueprint file.
    raw = readJsonFile(file, { what: 'a tau-bench task file', maxBytes: TAU_BENCH_TASK_FILE_BYTES, maxDepth: BLUEPRINT_LIMITS.depth + 1 });
  } catch (error) {
    throw new InvalidDataError(`cannot read the task file (${error instanceof JsonFileError ? error.problem : (error as Error).message})`, file);
  }
  if (!Array.isArray(raw)) throw new InvalidDataError('a task file is a JSON array of tasks', file);
  const problems: string[] = [];
  const tasks = raw.flatMap((row, position) => {
    const parsed = tauBenchTaskSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) problems.push(`[${position}].${issue.path.map(String).join('.')}: ${issue.message}`);
      return [];
    }
    return [{ ...parsed.data, task_index: parsed.data.task_index ?? position }];
  });
  if (problems.length > 0) throw new InvalidDataError('not a valid tau-bench task file', file, problems.slice(0, 20));
  return tasks;
}

export const taskActions = (task: TauBenchTask): ToolCall[] => task.actions.map((action) => ({ name: action.name, arguments: action.kwargs }));

/** A tau-bench task as a blueprint: same user, instruction, actions and outputs; provenance says where from. */
export function taskToBlueprint(task: TauBenchTask, options: { domain: string; source: string; split?: string; createdAt: string }): Blueprint {
  const split = options.split ? `${options.split}-` : '';
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    id: `tau-${options.domain}-${split}${String(task.task_index).padStart(4, '0')}`,
    domain: options.domain,
    userId: task.user_id,
    instruction: task.instruction,
    actions: task.actions.map((action) => ({ name: action.name, arguments: action.kwargs })),
    outputs: task.outputs,
    provenance: { kind: 'imported', source: options.source, ...(options.split ? { split: options.split } : {}), taskIndex: task.task_index },
    status: 'draft',
    createdAt: options.createdAt,
  };
}
