import type { ChatMessage } from '../models/index.ts';
import { isProtocolNote } from './protocol-notes.ts';
import { stopTokens } from './termination.ts';

/**
 * The known user-simulator failure (tau2 issues #182, #494): the user agrees to a write and says STOP
 * in the same breath, before the agent has performed it. The guard that holds such a STOP back decides
 * from the conversation's state — is a write waiting for the user's go-ahead? — and reads words only to
 * tell a question for consent from any other question, and a yes from a no.
 */

const confirmationRequest =
  /\b(confirm|proceed|go ahead|shall i|should i|shall we|would you like me to|do you want me to|want me to|ready for me to|ok(ay)? (for me )?to|submit|is that (ok|okay|correct|right)|(yes|y)\s*\/\s*(no|n))\b/i;
const agreement = /\b(yes|yeah|yep|sure|correct|confirm(ed)?|go ahead|proceed|please do|do it|sounds good|that'?s right|ok(ay)?)\b/i;
const refusal = /^\W*(no|nope|nah|not|don'?t|do not|never ?mind|cancel|wait|hold on)\b|\b(not (correct|right|ok|okay)|incorrect|that'?s wrong)\b/i;

/** Whether an agent message asks the user for the go-ahead on an action. */
export const asksForConfirmation = (agentText: string) => confirmationRequest.test(agentText);

/** Whether a user message agrees to something (stop tokens aside). A refusal never agrees, even "No, that is not correct". */
export const agrees = (userText: string) => {
  const text = withoutStopTokens(userText);
  return agreement.test(text) && !refusal.test(text);
};

/** The text without any stop token, trimmed. */
export function withoutStopTokens(text: string): string {
  let result = text;
  for (const token of Object.keys(stopTokens)) result = result.split(token).join('');
  return result.trim();
}

/** The agent's text message the user is about to answer (no human message after it), with its index. */
export function awaitedAgentMessage(messages: readonly ChatMessage[]): { text: string; index: number } | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage;
    if (isProtocolNote(message, index)) continue;
    if (message.role === 'assistant' && message.content && !message.tool_calls?.length) return { text: message.content, index };
    if (message.role === 'user') return undefined;
  }
  return undefined;
}

/**
 * The user said STOP while agreeing to a write that is still pending: the agent's latest message asked for
 * the go-ahead, no write has succeeded since the user last spoke (`lastWriteIndex`, the index of the tool
 * result of the latest successful write, comes before that message — so the action asked about has not
 * run; a question after a write is a wrap-up, "done, anything else?"), and the reply agrees (a refusal or a
 * bare STOP never does). Such a STOP is held back.
 */
export function stopsBeforePendingWrite(messages: readonly ChatMessage[], lastWriteIndex: number | undefined, userText: string): boolean {
  if (!userText.includes('###STOP###') || withoutStopTokens(userText).length === 0 || !agrees(userText)) return false;
  const asked = awaitedAgentMessage(messages);
  if (asked === undefined || !asksForConfirmation(asked.text)) return false;
  return lastWriteIndex === undefined || lastWriteIndex < lastHumanIndexBefore(messages, asked.index);
}

/** The index of the last human message (protocol notes aside) before `index`, or -1. */
function lastHumanIndexBefore(messages: readonly ChatMessage[], index: number): number {
  for (let at = index - 1; at >= 0; at--) {
    const message = messages[at] as ChatMessage;
    if (message.role === 'user' && !isProtocolNote(message, at)) return at;
  }
  return -1;
}
