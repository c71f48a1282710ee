import type { ChatMessage } from '../../../src/models/index.ts';

/** The start of an agent's conversation: a request to send to a model in adapter tests. */
export const retailConversation: ChatMessage[] = [
  { role: 'system', content: 'You are a retail agent.' },
  { role: 'user', content: 'Cancel my order #W123.' },
];
