import type { MessageToolCall } from './chat-message.ts';

/**
 * Tool calls that a server left in `content` as text. Hermes and Qwen chat templates write each call as
 * `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`; vLLM without `--tool-call-parser`, llama.cpp
 * without `--jinja` and some Ollama models send that text back as it is.
 */

const toolCallBlock = /<tool_call>\s*([\s\S]*?)\s*<\/tool_call>/g;

/** What `content` held: the calls parsed from it, and the text left once the blocks are taken out. */
export interface TextToolCalls {
  calls: { name: string; arguments: string }[];
  /** The content without the blocks, trimmed. */
  rest: string;
}

/**
 * Parses every `<tool_call>` block of `content`. Undefined when there is none, or when any block is not a
 * JSON object with a string `name` (then the text is left as it is, for the caller to treat as a protocol
 * error). `arguments` (or `parameters`) may be an object or a JSON string; absent means `{}`.
 */
export function parseTextToolCalls(content: string): TextToolCalls | undefined {
  const calls: TextToolCalls['calls'] = [];
  for (const match of content.matchAll(toolCallBlock)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(match[1] ?? '');
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const { name, arguments: args, parameters } = parsed as { name?: unknown; arguments?: unknown; parameters?: unknown };
    if (typeof name !== 'string' || name === '') return undefined;
    const raw = args ?? parameters ?? {};
    calls.push({ name, arguments: typeof raw === 'string' ? raw : JSON.stringify(raw) });
  }
  if (calls.length === 0) return undefined;
  return { calls, rest: content.replace(toolCallBlock, '').trim() };
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
