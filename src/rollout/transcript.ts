import type { ChatMessage } from '../models/index.ts';

/** One line of the conversation as the simulated human sees it: no tools, no policy. */
export interface TranscriptTurn {
  speaker: 'human' | 'agent';
  text: string;
}

/**
 * The human's view of the conversation: user messages and the agent's text replies, nothing else.
 * Tool calls, tool results and the system policy are never shown to the human.
 */
export function humanTranscript(messages: readonly ChatMessage[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const message of messages) {
    if (message.role === 'user') turns.push({ speaker: 'human', text: message.content });
    else if (message.role === 'assistant' && message.content && !message.tool_calls?.length) turns.push({ speaker: 'agent', text: message.content });
  }
  return turns;
}

/**
 * The agent's text the user was shown (what the outputs check searches): assistant messages WITHOUT tool
 * calls. Text beside tool calls is not shown (the machine tells the agent so), reasoning is a field of its
 * own, and protocol notes are harness text, not the agent's.
 */
export function agentTexts(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((message) => (message.role === 'assistant' && message.content && !message.tool_calls?.length ? [message.content] : []));
}
