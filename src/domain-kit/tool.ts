import { z } from 'zod';
import type { RecordTypes } from './base-state.ts';
import type { DomainState } from './domain-state.ts';
import { pythonJsonDumps } from './python-json.ts';

/**
 * What a tool does to the world: `read` only looks, `write` changes state, `terminal` ends the
 * conversation (a transfer to a human).
 */
export type ToolKind = 'read' | 'write' | 'terminal';

/** The outcome of a tool call as the model sees it: the text, and whether it was an error. */
export interface ToolResult {
  ok: boolean;
  content: string;
}

/** A successful result. Strings are returned as they are; anything else as Python-style JSON (written when first read). */
export function ok(value: unknown): ToolResult {
  if (typeof value === 'string') return { ok: true, content: value };
  // Serialised on first read: replays for grading run every tool again and never read the output. The
  // value cannot change meanwhile, as every tool call runs in a transaction that copies what it writes.
  let content: string | undefined;
  return {
    ok: true,
    get content() {
      return (content ??= pythonJsonDumps(value));
    },
  };
}

/** A domain-rule failure, carrying tau-bench's error text (for example "Error: order not found"). */
export function fail(message: string): ToolResult {
  return { ok: false, content: message };
}

/** Any zod object schema: the parameters of a tool. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ToolParams = z.ZodObject<any>;

/**
 * A tool is a plain object: its name and description as the model sees them, its parameters as a
 * zod object (the JSON Schema sent to models is derived from it), and a synchronous `run` that is
 * pure apart from the state it is given. `run` only ever receives arguments that passed `params`.
 */
export interface ToolDefinition<R extends RecordTypes = RecordTypes, P extends ToolParams = ToolParams> {
  name: string;
  description: string;
  params: P;
  kind: ToolKind;
  run(state: DomainState<R>, args: z.output<P>): ToolResult;
}

export function defineTool<R extends RecordTypes, P extends ToolParams>(tool: ToolDefinition<R, P>): ToolDefinition<R, P> {
  return Object.freeze(tool);
}

/** The OpenAI chat-completions form of a tool. */
export interface FunctionToolSchema {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** zod writes the safe-integer range on every `.int()`: noise for a model, so it is left out. */
function withoutSafeIntegerBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutSafeIntegerBounds);
  if (schema === null || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema as Record<string, unknown>).filter(
    ([key, value]) => !((key === 'minimum' && value === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)),
  );
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutSafeIntegerBounds(value)]));
}

/** Derives the OpenAI function schema from the tool's zod parameters. */
export function toFunctionSchema(tool: ToolDefinition<never, ToolParams>): FunctionToolSchema {
  const { $schema: _ignored, ...parameters } = withoutSafeIntegerBounds(z.toJSONSchema(tool.params, { io: 'input', target: 'draft-7' })) as Record<string, unknown>;
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters } };
}
