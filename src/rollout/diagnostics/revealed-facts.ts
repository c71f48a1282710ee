import type { ChatMessage } from '../../models/index.ts';
import { withoutStopTokens } from '../pending-write.ts';

/** A value the simulated human said that neither its instruction nor the agent had given it. */
export interface RevealedFact {
  value: string;
  /** The message that said it. */
  messageIndex: number;
}

const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Ids, zip codes, amounts, dates: words that hold a digit.
const valuePattern = /#?[A-Za-z0-9][\w-]*\d[\w-]*/g;

/** The checkable values of a text: emails and words with a digit (3 characters or more), lower-cased. */
export function factualValues(text: string): string[] {
  const emails = text.match(emailPattern) ?? [];
  const rest = text.replace(emailPattern, ' ').match(valuePattern) ?? [];
  return [...new Set([...emails, ...rest].map((value) => value.toLowerCase()).filter((value) => value.length >= 3))];
}

/**
 * The values the simulated human revealed that its instruction lacks and the agent had not said before: the
 * known failure of user simulators that invent facts. The human sees only its instruction and the agent's
 * words, so anything else it says came from nowhere. Harness notes are not the human's words.
 */
export function revealedFacts(instruction: string, messages: readonly ChatMessage[]): RevealedFact[] {
  let known = instruction.toLowerCase();
  const facts: RevealedFact[] = [];
  messages.forEach((message, messageIndex) => {
    if (message.role === 'assistant' && message.content) known += `\n${message.content.toLowerCase()}`;
    if (message.role !== 'user' || message.note) return;
    for (const value of factualValues(withoutStopTokens(message.content))) {
      if (!known.includes(value.replace(/^#/, ''))) facts.push({ value, messageIndex });
    }
    known += `\n${message.content.toLowerCase()}`;
  });
  return facts;
}
