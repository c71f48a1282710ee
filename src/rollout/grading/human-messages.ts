import type { ChatMessage } from '../../models/index.ts';

/**
 * Whether a message is the simulated human's own words: a user message that is not harness text. A
 * protocol note (`note: 'protocol'`) is sent as a user message but is the harness talking to the agent;
 * system messages (in v1 trajectories, the protocol notes after index 0) are never the human.
 */
export const isHumanMessage = (message: ChatMessage): message is Extract<ChatMessage, { role: 'user' }> => message.role === 'user' && message.note === undefined;

/** The index of the human's last message, or -1 when the human never spoke. */
export function lastHumanMessageIndex(messages: readonly ChatMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--) if (isHumanMessage(messages[index] as ChatMessage)) return index;
  return -1;
}
