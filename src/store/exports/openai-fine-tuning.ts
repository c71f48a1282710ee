import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import type { ChatMessage } from '../../models/chat-message.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { systemPromptOf, type ExportContext } from './export-context.ts';

/** One line of an OpenAI chat fine-tuning file with tools. */
export interface OpenAiFineTuningRecord {
  messages: ChatMessage[];
  tools: FunctionToolSchema[];
}

/**
 * A trajectory as an OpenAI fine-tuning example: the messages as stored (parallel tool calls stay
 * in one assistant message, arguments stay the JSON text the model wrote), the system policy
 * first, and the domain's tools as function tools.
 */
export function toOpenAiFineTuningRecord(trajectory: Trajectory, context: ExportContext): OpenAiFineTuningRecord {
  const startsWithSystem = trajectory.messages[0]?.role === 'system';
  const messages: ChatMessage[] = startsWithSystem
    ? [...trajectory.messages]
    : [{ role: 'system', content: systemPromptOf(trajectory, context) }, ...trajectory.messages.filter((message) => message.role !== 'system')];
  return { messages, tools: [...context.tools] };
}
