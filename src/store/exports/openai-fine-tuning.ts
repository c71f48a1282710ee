import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import type { ChatMessage } from '../../models/chat-message.ts';
import { systemPromptOf, trainingMessages, type ExportContext, type ExportItem } from './export-context.ts';

/** An assistant message of a fine-tuning record: `reasoning_content` carries the reasoning when it is exported. */
export type OpenAiFineTuningMessage = Exclude<ChatMessage, { role: 'assistant' }> | (Omit<Extract<ChatMessage, { role: 'assistant' }>, 'reasoning'> & { reasoning_content?: string });

/** One line of an OpenAI chat fine-tuning file with tools. */
export interface OpenAiFineTuningRecord {
  messages: OpenAiFineTuningMessage[];
  tools: FunctionToolSchema[];
}

/**
 * A trajectory as an OpenAI fine-tuning example: the system prompt first, then the conversation as the
 * agent had it (parallel tool calls stay in one assistant message, arguments stay the JSON text the model
 * wrote), without protocol notes, ending on the agent's last turn, and the tools as function tools.
 * Reasoning is left out unless asked for; then it is the assistant's `reasoning_content`, the field
 * open-weight trainers and servers (vLLM, DeepSeek, Qwen tooling) read. OpenAI's own fine-tuning API does not take it.
 */
export function toOpenAiFineTuningRecord(item: Pick<ExportItem, 'trajectory'>, context: ExportContext): OpenAiFineTuningRecord {
  const { trajectory } = item;
  const conversation = trainingMessages(trajectory, context).filter((message) => message.role !== 'system');
  const messages: OpenAiFineTuningMessage[] = [{ role: 'system', content: systemPromptOf(trajectory, context) }];
  for (const message of conversation) {
    if (message.role !== 'assistant' || message.reasoning === undefined) {
      messages.push(message);
      continue;
    }
    const { reasoning, ...wire } = message;
    messages.push({ ...wire, reasoning_content: reasoning });
  }
  return { messages, tools: [...context.tools] };
}
