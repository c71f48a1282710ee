import { z } from 'zod';
import { BLUEPRINT_LIMITS, BLUEPRINT_SCHEMA_VERSION, type Blueprint, type BlueprintAction } from '../blueprints/blueprint.ts';
import { InvalidDataError, type ToolCall } from '../domain-kit/index.ts';
import { readJsonArray } from './json-array-file.ts';

/** Bytes of a tau-bench task file (retail's train split is 0.4 MB). Each task must also fit a blueprint's limits. */
export const TAU_BENCH_TASK_FILE_BYTES = 50_000_000;

/** One row of a tau-bench task file. */
export const tauBenchTaskSchema = z.looseObject({
  task_index: z.number().int().nonnegative().optional(),
  annotator: z.union([z.string(), z.number()]).optional(),
  user_id: z.string(),
  instruction: z.string(),
  actions: z.array(z.looseObject({ name: z.string(), kwargs: z.record(z.string(), z.unknown()) })).max(BLUEPRINT_LIMITS.actions, `at most ${BLUEPRINT_LIMITS.actions} actions per task`),
  outputs: z.array(z.string()).max(BLUEPRINT_LIMITS.outputs, `at most ${BLUEPRINT_LIMITS.outputs} outputs per task`).default([]),
});

export type TauBenchTask = z.infer<typeof tauBenchTaskSchema> & { task_index: number };

/** How a row is named in errors: by its task index when it has a readable one, else by its position. */
function rowName(row: unknown, position: number): string {
  const index = (row as { task_index?: unknown } | null)?.task_index;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? `task_index ${index}` : `row ${position} (no task_index)`;
}

/** Fields that parse but are empty: each would give a blueprint that every later command rejects (or passes vacuously). */
function emptyFields(task: z.infer<typeof tauBenchTaskSchema>): string[] {
  const empty: string[] = [];
  if (task.user_id.trim() === '') empty.push('user_id');
  if (task.instruction.trim() === '') empty.push('instruction');
  task.actions.forEach((action, index) => {
    if (action.name.trim() === '') empty.push(`actions[${index}].name`);
  });
  // An empty expected output is "found" in any message: it would check nothing.
  task.outputs.forEach((output, index) => {
    if (output.trim() === '') empty.push(`outputs[${index}]`);
  });
  return empty;
}

/** Task indices used by more than one row: two blueprints with one id would overwrite each other. */
function duplicateIndices(tasks: readonly TauBenchTask[]): string[] {
  const rows = new Map<number, number[]>();
  tasks.forEach((task, position) => rows.set(task.task_index, [...(rows.get(task.task_index) ?? []), position]));
  return [...rows].filter(([, positions]) => positions.length > 1).map(([index, positions]) => `task_index ${index}: used by rows ${positions.join(', ')} (each task index may appear once)`);
}

/**
 * Reads a tau-bench task file (a JSON array of task rows). A row without `task_index` takes its
 * position. Every malformed row, empty field and duplicate task index is named (task index and field),
 * all at once, before anything is converted.
 */
export function readTauBenchTasks(file: string): TauBenchTask[] {
  // A task file is a list of blueprints' worth of tasks: one level deeper than a blueprint file.
  const raw = readJsonArray(file, { name: 'task file', shape: 'a JSON array of tasks', maxBytes: TAU_BENCH_TASK_FILE_BYTES, maxDepth: BLUEPRINT_LIMITS.depth + 1 });
  const problems: string[] = [];
  const tasks = raw.flatMap((row: unknown, position) => {
    const parsed = tauBenchTaskSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) problems.push(`${rowName(row, position)}: ${issue.path.map(String).join('.') || '(row)'}: ${issue.message}`);
      return [];
    }
    for (const field of emptyFields(parsed.data)) problems.push(`${rowName(row, position)}: ${field}: is empty`);
    return [{ ...parsed.data, task_index: parsed.data.task_index ?? position }];
  });
  problems.push(...duplicateIndices(tasks));
  if (problems.length > 0) throw new InvalidDataError('not a valid tau-bench task file', file, problems.slice(0, 20));
  return tasks;
}

export const taskActions = (task: TauBenchTask): ToolCall[] => task.actions.map((action) => ({ name: action.name, arguments: action.kwargs }));

export interface TaskToBlueprintOptions {
  domain: string;
  source: string;
  split?: string;
  createdAt: string;
  /** The identification call the instruction implies, put first (see `impliedIdentificationCall`). */
  identification?: BlueprintAction;
}

/** The blueprint id of a tau-bench task: `tau-<domain>-<split>-<index, 4 digits>`. */
export function tauBenchBlueprintId(domain: string, taskIndex: number, split?: string): string {
  return `tau-${domain}-${split ? `${split}-` : ''}${String(taskIndex).padStart(4, '0')}`;
}

/** A tau-bench task as a blueprint: same user, instruction, actions and outputs; provenance says where from. */
export function taskToBlueprint(task: TauBenchTask, options: TaskToBlueprintOptions): Blueprint {
  const actions = task.actions.map((action) => ({ name: action.name, arguments: action.kwargs }));
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    id: tauBenchBlueprintId(options.domain, task.task_index, options.split),
    domain: options.domain,
    userId: task.user_id,
    instruction: task.instruction,
    actions: options.identification ? [options.identification, ...actions] : actions,
    outputs: task.outputs,
    provenance: {
      kind: 'imported',
      source: options.source,
      ...(options.split ? { split: options.split } : {}),
      taskIndex: task.task_index,
      ...(options.identification ? { identificationAdded: true as const } : {}),
    },
    status: 'draft',
    createdAt: options.createdAt,
  };
}

/**
 * The task a blueprint came from, in tau-bench's shape: the import's added identification call left
 * out, so the actions are the source task's own.
 */
export function blueprintToTask(blueprint: Pick<Blueprint, 'userId' | 'instruction' | 'actions' | 'outputs' | 'provenance'>): { user_id: string; actions: { name: string; kwargs: Record<string, unknown> }[]; instruction: string; outputs: string[] } {
  const added = blueprint.provenance.kind === 'imported' && blueprint.provenance.identificationAdded === true;
  return {
    user_id: blueprint.userId,
    actions: blueprint.actions.slice(added ? 1 : 0).map((action) => ({ name: action.name, kwargs: action.arguments })),
    instruction: blueprint.instruction,
    outputs: [...blueprint.outputs],
  };
}
