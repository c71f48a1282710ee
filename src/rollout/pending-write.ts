import { stopTokens } from './termination.ts';

/**
 * The known user-simulator failure (tau2 issues #182, #494): the user agrees to a write and says STOP
 * in the same breath, before the agent has performed it. These predicates recognise that moment.
 */

const confirmationRequest = /\b(confirm|proceed|go ahead|shall i|should i|would you like me to|do you want me to|is that (ok|okay|correct|right)|(yes|y)\s*\/\s*(no|n))\b/i;
const agreement = /\b(yes|yeah|yep|sure|correct|confirm(ed)?|go ahead|proceed|please do|do it|sounds good|that'?s right|ok(ay)?)\b/i;

/** Whether an agent message asks the user to confirm an action before it is taken. */
export const asksForConfirmation = (agentText: string) => confirmationRequest.test(agentText);

/** Whether a user message agrees to something (stop tokens aside). */
export const agrees = (userText: string) => agreement.test(withoutStopTokens(userText));

/** The text without any stop token, trimmed. */
export function withoutStopTokens(text: string): string {
  let result = text;
  for (const token of Object.keys(stopTokens)) result = result.split(token).join('');
  return result.trim();
}

/** The user said STOP while agreeing to what the agent just asked to confirm: the write is still pending. */
export function stopsBeforePendingWrite(lastAgentText: string | undefined, userText: string): boolean {
  return lastAgentText !== undefined && userText.includes('###STOP###') && asksForConfirmation(lastAgentText) && agrees(userText) && withoutStopTokens(userText).length > 0;
}
