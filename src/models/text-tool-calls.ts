import type { FunctionToolSchema } from '../domain-kit/index.ts';
import type { MessageToolCall } from './chat-message.ts';
import { parseJsonObject } from './json-object.ts';

/**
 * Tool calls that a server left in `content` as text. Hermes and Qwen chat templates write each call as
 * `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`; Qwen3-Coder's writes
 * `<tool_call><function=NAME><parameter=ARG>value</parameter>...</function></tool_call>`. vLLM without
 * `--tool-call-parser`, llama.cpp without `--jinja` and some Ollama models send that text back as it is.
 */

const toolCallBlock = /<tool_call>\s*([\s\S]*?)\s*<\/tool_call>/g;

/** What `content` held: the calls parsed from it, and the text left once the blocks are taken out. */
export interface TextToolCalls {
  calls: { name: string; arguments: string }[];
  /** The content without the blocks, trimmed. */
  rest: string;
}

/**
 * Parses every `<tool_call>` block of `content`. Undefined when there is none, or when any block is neither
 * a JSON object with a string `name` nor a Qwen3-Coder `<function=…>` block (then the text is left as it is,
 * for the caller to treat as a protocol error). `arguments` (or `parameters`) may be an object or a JSON
 * string; absent means `{}`. A Qwen3-Coder parameter's text is typed by the offered tool's JSON schema
 * (`tools`), as vLLM's parser does: numbers, booleans, objects and arrays are parsed, strings kept as written.
 */
export function parseTextToolCalls(content: string, tools?: readonly FunctionToolSchema[]): TextToolCalls | undefined {
  const calls: TextToolCalls['calls'] = [];
  for (const match of content.matchAll(toolCallBlock)) {
    const body = match[1] ?? '';
    if (body.startsWith('<function=')) {
      const call = parseFunctionBlock(body, tools);
      if (!call) return undefined;
      calls.push(call);
      continue;
    }
    const parsed = parseJsonObject(body);
    if (!parsed) return undefined;
    const { name, arguments: args, parameters } = parsed;
    if (typeof name !== 'string' || name === '') return undefined;
    const raw = args ?? parameters ?? {};
    calls.push({ name, arguments: typeof raw === 'string' ? raw : JSON.stringify(raw) });
  }
  if (calls.length === 0) return undefined;
  return { calls, rest: content.replace(toolCallBlock, '').trim() };
}

const functionBlock = /^<function=([^>\s]+)>([\s\S]*?)<\/function>$/;
const parameterBlock = /<parameter=([^>\s]+)>\n?([\s\S]*?)\n?<\/parameter>/g;

/** A Qwen3-Coder `<function=NAME>` block with nothing but `<parameter=…>` blocks inside; undefined otherwise. */
function parseFunctionBlock(body: string, tools: readonly FunctionToolSchema[] | undefined): TextToolCalls['calls'][number] | undefined {
  const match = functionBlock.exec(body);
  if (!match) return undefined;
  const [, name = '', inner = ''] = match;
  if (inner.replace(parameterBlock, '').trim() !== '') return undefined;
  const properties = tools?.find((tool) => tool.function.name === name)?.function.parameters.properties as Record<string, { type?: unknown }> | undefined;
  const args: Record<string, unknown> = {};
  for (const [, parameter = '', text = ''] of inner.matchAll(parameterBlock)) args[parameter] = typedValue(text, properties?.[parameter]?.type);
  return { name, arguments: JSON.stringify(args) };
}

/** A parameter's text as its schema type says; without a type only objects and arrays are parsed (an id like 1008 stays text). */
function typedValue(text: string, type: unknown): unknown {
  const trimmed = text.trim();
  if (type === 'string') return text;
  if (type === 'integer' || type === 'number') return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : text;
  if (type === 'null' && trimmed === 'null') return null;
  if (type === 'object' || type === 'array' || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

const toolCallLike = [
  /<\/?tool_call>/,
  /<\|?(tool_call|function_call|python_tag)\|?>/,
  /\[TOOL_CALLS\]/,
  /<function[=>]/,
  /^\s*\{\s*"(name|function)"\s*:\s*"[^"]+"\s*,\s*"(arguments|parameters)"\s*:/,
];

/** Whether text looks like a tool call written as text (any of the common templates' markers). */
export function looksLikeTextToolCall(text: string): boolean {
  return toolCallLike.some((pattern) => pattern.test(text));
}

/** The parsed calls as chat-message tool calls, with the ids the caller gives. */
export function toMessageToolCalls(calls: TextToolCalls['calls'], idFor: (index: number) => string): MessageToolCall[] {
  return calls.map((call, index) => ({ id: idFor(index), type: 'function', function: { name: call.name, arguments: call.arguments } }));
}
