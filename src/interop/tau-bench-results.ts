import { z } from 'zod';
import { InvalidDataError } from '../domain-kit/index.ts';
import type { ChatMessage, MessageToolCall } from '../models/chat-message.ts';
import { stopTokenIn, type Termination } from '../rollout/termination.ts';
import { readJsonArray } from './json-array-file.ts';

/** A tool call as tau-bench's traj stores it (litellm's `message.model_dump()`); arguments may be text or an object. */
const tauBenchToolCallSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string().min(1), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
});

/** One message of a tau-bench traj: OpenAI chat format, with whatever extra keys the client added. */
const tauBenchMessageSchema = z.looseObject({
  role: z.string(),
  content: z.string().nullable().optional(),
  tool_calls: z.array(tauBenchToolCallSchema).nullable().optional(),
  tool_call_id: z.string().optional(),
  reasoning_content: z.string().nullable().optional(),
  reasoning: z.string().nullable().optional(),
  note: z.literal('protocol').optional(),
});
type TauBenchMessage = z.infer<typeof tauBenchMessageSchema>;

/** One entry of a tau-bench results file: its `EnvRunResult`, with the task in `info.task`. */
export const tauBenchResultEntrySchema = z.looseObject({
  task_id: z.number().int().nonnegative(),
  reward: z.number(),
  info: z.looseObject({
    task: z.looseObject({
      user_id: z.string().min(1),
      actions: z.array(z.looseObject({ name: z.string().min(1), kwargs: z.record(z.string(), z.unknown()) })),
      instruction: z.string().trim().min(1, 'is empty'),
      outputs: z.array(z.string()),
    }),
  }),
  traj: z.array(tauBenchMessageSchema).min(1, 'is empty'),
  trial: z.number().int().nonnegative(),
});
export type TauBenchResultEntry = z.infer<typeof tauBenchResultEntrySchema>;

/** tau-bench's success test: a reward of 1 (within its float tolerance). */
export const isTauBenchSuccess = (reward: number) => Math.abs(reward - 1) <= 1e-6;

/** How an entry is named in errors: its position, task id and trial. */
export function entryName(raw: unknown, position: number): string {
  const entry = raw as { task_id?: unknown; trial?: unknown } | null;
  const details = [typeof entry?.task_id === 'number' ? `task_id ${entry.task_id}` : undefined, typeof entry?.trial === 'number' ? `trial ${entry.trial}` : undefined].filter(Boolean);
  return `entry ${position}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** Reads a tau-bench results file (a JSON list of `EnvRunResult`); every bad entry is named with its field, all at once. */
export function readTauBenchResults(file: string): TauBenchResultEntry[] {
  const raw = readJsonArray(file, { name: 'tau-bench results file', shape: 'a JSON array of {task_id, reward, info, traj, trial}', maxBytes: TAU_BENCH_RESULTS_FILE_BYTES, maxDepth: 64 });
  const problems: string[] = [];
  const entries = raw.flatMap((row: unknown, position) => {
    const parsed = tauBenchResultEntrySchema.safeParse(row);
    if (parsed.success) return [parsed.data];
    for (const issue of parsed.error.issues.slice(0, 3)) problems.push(`${entryName(row, position)}: ${issue.path.map(String).join('.') || '(entry)'}: ${issue.message}`);
    return [];
  });
  if (problems.length > 0) throw new InvalidDataError('not a valid tau-bench results file', file, problems.slice(0, 20));
  return entries;
}

function toolCallOf(call: z.infer<typeof tauBenchToolCallSchema>): MessageToolCall {
  const { arguments: args, name } = call.function;
  return { id: call.id, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } };
}

/** One traj message as interplay's ChatMessage, or the reason it cannot be one. */
function toChatMessage(message: TauBenchMessage): ChatMessage | string {
  const note = message.note ? { note: message.note } : {};
  switch (message.role) {
    case 'system':
    case 'user':
      return typeof message.content === 'string' ? { role: message.role, content: message.content, ...note } : 'content: a system or user message needs text';
    case 'assistant': {
      const calls = message.tool_calls ?? [];
      const reasoning = message.reasoning_content ?? message.reasoning;
      return {
        role: 'assistant',
        content: message.content ?? null,
        ...(calls.length > 0 ? { tool_calls: calls.map(toolCallOf) } : {}),
        ...(reasoning ? { reasoning } : {}),
      };
    }
    case 'tool':
      if (!message.tool_call_id) return 'tool_call_id: a tool message answers a call by its id';
      return { role: 'tool', tool_call_id: message.tool_call_id, content: message.content ?? '' };
    default:
      return `role: "${message.role}" is not system, user, assistant or tool`;
  }
}

/** Bytes of a tau-bench results file (every trial's whole conversation); near the longest string Node can hold. */
export const TAU_BENCH_RESULTS_FILE_BYTES = 500_000_000;

/**
 * tau-bench's traj as interplay's messages: system first, user turns (the final one with its stop token
 * included), assistant turns with their tool calls, tool results. Throws naming the entry and message.
 */
export function trajMessages(entry: TauBenchResultEntry, name: string, file: string): ChatMessage[] {
  if (entry.traj[0]?.role !== 'system') throw new InvalidDataError(`${name}: traj.0: the trajectory starts with the system message (the agent's policy)`, file);
  return entry.traj.map((message, index) => {
    const mapped = toChatMessage(message);
    if (typeof mapped === 'string') throw new InvalidDataError(`${name}: traj.${index}.${mapped}`, file);
    return mapped;
  });
}

/**
 * How a tau-bench episode ended, read from its messages: the stop token of a closing user message, a
 * transfer when the last thing that happened was the agent's transfer_to_human_agents call, and
 * otherwise tau-bench's step limit (its `max_num_steps`).
 */
export function tauBenchTermination(messages: readonly ChatMessage[]): Termination {
  const last = messages.at(-1);
  if (last?.role === 'user' && last.note === undefined) {
    const reason = stopTokenIn(last.content);
    if (reason) return { reason };
  }
  if (last?.role === 'tool') {
    const caller = messages.findLast((message) => message.role === 'assistant');
    const call = caller?.role === 'assistant' ? caller.tool_calls?.find((candidate) => candidate.id === last.tool_call_id) : undefined;
    if (call?.function.name === 'transfer_to_human_agents') return { reason: 'transfer', detail: 'the agent called transfer_to_human_agents' };
  }
  return { reason: 'max-turns', detail: 'the episode ended without a stop token or a transfer (tau-bench step limit)' };
}
