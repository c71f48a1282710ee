import type { ChatMessage } from '../models/index.ts';
import { isProtocolNote } from './protocol-notes.ts';

/** One line of the conversation as the simulated human sees it: no tools, no policy. */
export interface TranscriptTurn {
  speaker: 'human' | 'agent';
  text: string;
}

/**
 * The human's view of the conversation: its own words and the agent's text replies, nothing else — only
 * `content`, never anyone's reasoning. Tool calls, tool results, the system policy and protocol notes are
 * never shown to the human, nor an agent message the harness answered with a protocol note (a tool call
 * written as text: the agent is asked again, the human never sees it).
 */
export function humanTranscript(messages: readonly ChatMessage[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'user' && !isProtocolNote(message, index)) turns.push({ speaker: 'human', text: message.content });
    else if (message.role === 'assistant' && message.content && !message.tool_calls?.length && !answeredByNote(messages, index)) turns.push({ speaker: 'agent', text: message.content });
  });
  return turns;
}

const answeredByNote = (messages: readonly ChatMessage[], index: number) => {
  const next = messages[index + 1];
  return next !== undefined && isProtocolNote(next, index + 1);
};

/**
 * The agent's text the user was shown (what the outputs check searches): assistant messages WITHOUT tool
 * calls. Text beside tool calls is not shown (the machine tells the agent so), nor text the harness
 * answered with a protocol note (a tool call written as text); reasoning is a field of its own, and
 * protocol notes are harness text, not the agent's.
 */
export function agentTexts(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((message, index) => (message.role === 'assistant' && message.content && !message.tool_calls?.length && !answeredByNote(messages, index) ? [message.content] : []));
}
