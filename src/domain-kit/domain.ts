import type { z } from 'zod';
import { BaseState, type DomainData, type RecordTypes } from './base-state.ts';
import { DomainState } from './domain-state.ts';
import type { PolicyRule } from './policy-rule.ts';
import { InvalidDataError } from './errors.ts';
import { fail, toFunctionSchema, type FunctionToolSchema, type ToolDefinition, type ToolKind, type ToolParams, type ToolResult } from './tool.ts';

/** A tool call as a model or a blueprint states it. `arguments` is whatever it sent: checked before use. */
export interface ToolCall {
  name: string;
  arguments: unknown;
}

/** The result of executing a call, with what kind of tool ran (undefined when no such tool exists). */
export interface ToolExecution extends ToolResult {
  kind: ToolKind | undefined;
}

/** Options for a domain's seeded data generator. */
export interface GenerateOptions {
  seed: number;
  /** Multiplies the default record counts (1 = about tau-bench's size). */
  scale?: number;
}

export interface DomainDefinition<R extends RecordTypes> {
  name: string;
  /** The agent policy (markdown). */
  policy: string;
  /** A zod schema per collection for one record; used to check imported and loaded data. */
  recordSchemas: { [C in keyof R]: z.ZodType };
  /** Per collection, the record field that must equal the record's key (e.g. orders: "order_id"). */
  idFields: { [C in keyof R]?: string };
  // Tools are stored with their parameter types erased; each was checked against its own schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tools: readonly ToolDefinition<R, any>[];
  /** Executable checks of the policy rules the tools do not enforce (see the domain's README). */
  policyRules?: readonly PolicyRule<R>[];
  /** The shipped default database (the generator's output for the default seed). */
  loadDefaultData(): DomainData<R>;
  /**
   * Our own seeded data generator: the same seed gives byte-identical data. Asynchronous so that a
   * domain can load its generator (faker) only when data is generated, not with the domain.
   */
  generateData(options: GenerateOptions): Promise<DomainData<R>>;
}

export interface Domain<R extends RecordTypes = RecordTypes> extends DomainDefinition<R> {
  readonly collections: readonly (keyof R & string)[];
  tool(name: string): ToolDefinition<R, ToolParams> | undefined;
  /** The tools in OpenAI chat-completions form, derived from their zod parameters. */
  toolSchemas(): FunctionToolSchema[];
  /** Checks raw data against the record schemas; returns it unchanged (no field added or dropped). */
  checkData(raw: unknown, source: string): DomainData<R>;
  /** A base state over `data` (the default database when omitted). */
  createBase(data?: DomainData<R>): BaseState<R>;
  /** Runs one call atomically: invalid arguments or a failing tool leave the state untouched. */
  execute(state: DomainState<R>, call: ToolCall): ToolExecution;
}

export function defineDomain<R extends RecordTypes>(definition: DomainDefinition<R>): Domain<R> {
  const toolsByName = new Map(definition.tools.map((tool) => [tool.name, tool]));
  if (toolsByName.size !== definition.tools.length) throw new Error(`domain ${definition.name} has two tools with one name`);
  const collections = Object.keys(definition.recordSchemas).sort() as (keyof R & string)[];
  let schemas: FunctionToolSchema[] | undefined;

  const domain: Domain<R> = {
    ...definition,
    collections,
    tool: (name) => toolsByName.get(name),
    toolSchemas: () => (schemas ??= definition.tools.map((tool) => toFunctionSchema(tool as never))),
    checkData: (raw, source) => checkDomainData(definition, collections, raw, source),
    createBase: (data) => new BaseState(data ?? definition.loadDefaultData()),
    execute(state, call) {
      const tool = toolsByName.get(call.name);
      if (!tool) return { ...fail(`Unknown action ${call.name}`), kind: undefined };
      const args = parseArguments(tool, call.arguments);
      if (!args.ok) return { ...fail(args.message), kind: tool.kind };
      const result = state.transaction(
        () => tool.run(state, args.value),
        (outcome) => outcome.ok,
      );
      return { ...result, kind: tool.kind };
    },
  };
  return Object.freeze(domain);
}

type ParsedArguments = { ok: true; value: unknown } | { ok: false; message: string };

/** Validates arguments with the tool's zod params; every problem is named by its argument path. */
export function parseArguments(tool: ToolDefinition<never, ToolParams>, raw: unknown): ParsedArguments {
  const prefix = `Error: invalid arguments for ${tool.name}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, message: `${prefix}: arguments must be a JSON object` };
  }
  const known = new Set(Object.keys(tool.params.shape));
  const unexpected = Object.keys(raw).filter((key) => !known.has(key));
  const problems = unexpected.map((key) => `unexpected argument "${key}"`);
  const parsed = tool.params.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      problems.push(path ? `argument "${path}": ${issue.message}` : issue.message);
    }
  }
  if (problems.length > 0) return { ok: false, message: `${prefix}: ${problems.join('; ')}` };
  return { ok: true, value: (parsed as { data: unknown }).data };
}

function checkDomainData<R extends RecordTypes>(
  definition: DomainDefinition<R>,
  collections: readonly string[],
  raw: unknown,
  source: string,
): DomainData<R> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidDataError(`expected an object with collections ${collections.join(', ')}`, source);
  }
  const data = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(data)) if (!collections.includes(key)) problems.push(`unknown collection "${key}"`);
  for (const collection of collections) {
    const records = data[collection];
    if (records === null || typeof records !== 'object' || Array.isArray(records)) {
      problems.push(`${collection}: missing or not an object of id -> record`);
      continue;
    }
    const schema = definition.recordSchemas[collection as keyof R];
    const idField = definition.idFields[collection as keyof R];
    for (const [id, record] of Object.entries(records)) {
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 3)) {
          problems.push(`${collection}["${id}"].${issue.path.map(String).join('.')}: ${issue.message}`);
        }
      } else if (idField && (record as Record<string, unknown>)[idField] !== id) {
        problems.push(`${collection}["${id}"].${idField}: is ${JSON.stringify((record as Record<string, unknown>)[idField])}, expected the key "${id}"`);
      }
      if (problems.length >= 20) break;
    }
  }
  if (problems.length > 0) throw new InvalidDataError('data does not match the domain schema', source, problems.slice(0, 20));
  return data as DomainData<R>;
}
