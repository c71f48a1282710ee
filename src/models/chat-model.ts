import type { FunctionToolSchema } from '../domain-kit/index.ts';
import type { AssistantMessage, ChatMessage } from './chat-message.ts';

/** What one model call is given. `signal` cancels the call: it then rejects with the signal's reason. */
export interface ChatRequest {
  messages: ChatMessage[];
  /** The tools the model may call; none are offered when absent or empty. */
  tools?: FunctionToolSchema[];
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResponse {
  message: AssistantMessage;
  /** Absent when the server did not report it. */
  usage?: TokenUsage;
  /** As the server said it (`stop`, `tool_calls`, `length`...); absent when it did not say. */
  finishReason?: string;
  /** The model that answered, as the server named it. */
  model: string;
}

/**
 * The one interface every model role talks through: the simulated human, the candidate agent, the
 * judges and the generator. `id` names the model for records and accounting.
 */
export interface ChatModel {
  readonly id: string;
  complete(request: ChatRequest): Promise<ChatResponse>;
}

export const zeroUsage: TokenUsage = Object.freeze({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });

/** The sum of two usages; a missing one counts as zero. */
export function addUsage(total: TokenUsage | undefined, more: TokenUsage | undefined): TokenUsage {
  const left = total ?? zeroUsage;
  const right = more ?? zeroUsage;
  return {
    promptTokens: left.promptTokens + right.promptTokens,
    completionTokens: left.completionTokens + right.completionTokens,
    totalTokens: left.totalTokens + right.totalTokens,
  };
}
