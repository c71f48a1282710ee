import type { ChatMessage } from '../../models/index.ts';
import { asksForConfirmation, withoutStopTokens } from '../pending-write.ts';
import { isHumanMessage } from './human-messages.ts';
import type { TranscriptEnding } from './transcript-ending.ts';
import type { ReplayedWrite, TranscriptProblem } from './transcript-replay.ts';

/**
 * A refusal, recognised conservatively: the human's reply OPENS with a negative — "no", "nope", "nah",
 * "don't", "do not", "please don't", "cancel that", "stop" — once stop tokens are set aside, and is not
 * "no problem" / "no worries". A negative later in the reply ("Yes, and no rush") is not a refusal.
 */
const NEGATIVE_OPENING = /^(no|nope|nah|don[’']?t|do not|please don[’']?t|please do not|cancel that|stop)\b/i;
const NOT_A_REFUSAL = /^no (problem|worries)\b/i;

/** Whether a human reply refuses what it answers. */
export function isRefusal(reply: string): boolean {
  const text = withoutStopTokens(reply).replace(/^[\s"'“‘(]+/, '');
  return NEGATIVE_OPENING.test(text) && !NOT_A_REFUSAL.test(text);
}

/**
 * Whether an agent's text is about this write: it names the tool, or the tool's verb (its name's first
 * word: "cancel" for cancel_pending_order, matched as a word start so "cancellation" counts).
 */
export function mentionsAction(text: string, toolName: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(toolName.toLowerCase())) return true;
  const verb = (toolName.split('_')[0] ?? toolName).toLowerCase().replace(/[ey]$/, '');
  return verb.length >= 3 && new RegExp(`\\b${verb}`).test(lower);
}

const shownText = (message: ChatMessage): string | undefined => (message.role === 'assistant' && message.content && !message.tool_calls?.length ? message.content : undefined);

const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * The first successful write the human had not allowed:
 * - a write after the human ended the conversation with a stop token (nothing may be done after it);
 * - a write whose latest confirmation request (an agent text, shown to the human, that asks for
 *   confirmation and names this write's tool or verb) was answered by a refusal (`isRefusal`). Agreeing
 *   to a later request about the same action lifts the refusal.
 */
export function writeAfterRefusal(messages: readonly ChatMessage[], writes: readonly ReplayedWrite[], ending: TranscriptEnding): TranscriptProblem | undefined {
  for (const write of writes) {
    if (ending.by === 'human' && write.messageIndex > ending.messageIndex) {
      return { messageIndex: write.messageIndex, text: `message ${write.messageIndex}: the agent called ${write.name} after the human ended the conversation (message ${ending.messageIndex})` };
    }
    for (let index = write.messageIndex - 1; index >= 0; index--) {
      const text = shownText(messages[index] as ChatMessage);
      if (text === undefined || !asksForConfirmation(text) || !mentionsAction(text, write.name)) continue;
      const replyIndex = messages.findIndex((message, position) => position > index && position < write.messageIndex && isHumanMessage(message));
      const reply = replyIndex >= 0 ? (messages[replyIndex] as ChatMessage & { content: string }).content : undefined;
      if (reply !== undefined && isRefusal(reply)) {
        return { messageIndex: write.messageIndex, text: `message ${write.messageIndex}: the agent called ${write.name} after the human refused it (message ${replyIndex}: ${quote(reply)})` };
      }
      break;
    }
  }
  return undefined;
}
