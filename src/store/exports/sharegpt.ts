import { pythonJsonDumps } from '../../domain-kit/index.ts';
import type { AssistantMessage, ChatMessage, MessageToolCall, ToolMessage } from '../../models/chat-message.ts';
import { systemPromptOf, trainingMessages, type ExportContext, type ExportItem } from './export-context.ts';

export type ShareGptSpeaker = 'human' | 'gpt' | 'function_call' | 'observation';

export interface ShareGptTurn {
  from: ShareGptSpeaker;
  value: string;
}

/** One record in the layout of Salesforce's APIGen-MT-5k (LLaMA-Factory's ShareGPT with tools). */
export interface ShareGptRecord {
  conversations: ShareGptTurn[];
  system: string;
  /** A JSON string: the list of `{name, description, parameters}` function definitions. */
  tools: string;
}

/** The arguments as an object when the model wrote valid JSON, else the raw text it wrote. */
function parsedArguments(call: MessageToolCall): unknown {
  try {
    return JSON.parse(call.function.arguments);
  } catch {
    return call.function.arguments;
  }
}

function functionCallTurn(call: MessageToolCall): ShareGptTurn {
  return { from: 'function_call', value: pythonJsonDumps({ name: call.function.name, arguments: parsedArguments(call) }) };
}

/**
 * Several tool calls in one assistant message become one `function_call` turn per call, each
 * followed by its own `observation`: every `function_call` holds a single `{name, arguments}`
 * object, and human/observation turns keep alternating with gpt/function_call turns.
 */
function toolCallTurns(message: AssistantMessage, calls: readonly MessageToolCall[], results: readonly ToolMessage[]): ShareGptTurn[] {
  const turns: ShareGptTurn[] = [];
  if (message.content) turns.push({ from: 'gpt', value: gptValue(message) });
  const unanswered = [...results];
  for (const call of calls) {
    turns.push(functionCallTurn(call));
    const index = unanswered.findIndex((result) => result.tool_call_id === call.id);
    if (index === -1) continue;
    turns.push({ from: 'observation', value: unanswered[index]!.content });
    unanswered.splice(index, 1);
  }
  for (const orphan of unanswered) turns.push({ from: 'observation', value: orphan.content });
  return turns;
}

/** A gpt turn's text: with `--include-reasoning`, the reasoning first in a `<think>` block, the way open reasoning models write it. */
function gptValue(message: AssistantMessage): string {
  const content = message.content ?? '';
  return message.reasoning ? `<think>\n${message.reasoning}\n</think>\n\n${content}` : content;
}

function conversationOf(messages: readonly ChatMessage[]): ShareGptTurn[] {
  const turns: ShareGptTurn[] = [];
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index]!;
    if (message.role === 'system') continue;
    if (message.role === 'user') {
      turns.push({ from: 'human', value: message.content });
    } else if (message.role === 'tool') {
      turns.push({ from: 'observation', value: message.content });
    } else if (message.tool_calls && message.tool_calls.length > 0) {
      const results: ToolMessage[] = [];
      while (messages[index + 1]?.role === 'tool') {
        index += 1;
        results.push(messages[index] as ToolMessage);
      }
      turns.push(...toolCallTurns(message, message.tool_calls, results));
    } else if (message.content) {
      turns.push({ from: 'gpt', value: gptValue(message) });
    }
  }
  return turns;
}

/**
 * A trajectory as an APIGen-MT-5k record: user turns as `human`, assistant text as `gpt`, each tool call
 * as `function_call` with the JSON of `{name, arguments}` (arguments as an object), each tool result as
 * `observation`. Like the dataset's rows, it ends on the agent's last turn (`gpt` or `observation`): the
 * user's closing message with its stop token is left out, and so are protocol notes. Reasoning is left
 * out unless asked for; then it opens the `gpt` turn as a `<think>` block (the reasoning of a message
 * that only called tools has no turn of its own and stays out). JSON inside values is written the way
 * Python's `json.dumps` writes it, as in the dataset.
 */
export function toShareGptRecord(item: Pick<ExportItem, 'trajectory'>, context: ExportContext): ShareGptRecord {
  return {
    conversations: conversationOf(trainingMessages(item.trajectory, context)),
    system: systemPromptOf(item.trajectory, context),
    tools: pythonJsonDumps(context.tools.map((tool) => tool.function)),
  };
}
