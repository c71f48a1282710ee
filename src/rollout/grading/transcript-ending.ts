import type { ChatMessage } from '../../models/index.ts';
import { stopTokenIn, type TerminationReason } from '../termination.ts';
import { lastHumanMessageIndex } from './human-messages.ts';
import type { TranscriptProblem } from './transcript-replay.ts';

/** The endings a transcript shows by itself: the human's stop token, or the agent's successful transfer call. */
export type ShownEnding = 'user-stop' | 'transfer' | 'out-of-scope';

const shownEndings: readonly TerminationReason[] = ['user-stop', 'transfer', 'out-of-scope'] satisfies ShownEnding[];

/** Whether this ending, had it happened, would show in the messages (so the messages must show it). */
export const isShownEnding = (reason: TerminationReason): reason is ShownEnding => shownEndings.includes(reason);

export interface TranscriptEnding {
  /** What the messages show; undefined when they show no ending (a limit or an error: only the record knows). */
  reason?: ShownEnding;
  /** Who ended it: the human with a stop token, or the agent with the transfer tool. */
  by?: 'human' | 'agent';
  /** The message that ended it; without an ending, the human's last message (-1 when the human never spoke). */
  messageIndex: number;
}

/**
 * The ending, derived from the messages alone. A stop token counts only in the human's LAST message
 * (protocol notes are harness text, never the human): `###STOP###` is a user stop, `###TRANSFER###` a
 * transfer, `###OUT-OF-SCOPE###` out of scope. Otherwise a successful call of the transfer tool after
 * that message (`transfers`: the replay's indexes of such calls) is a transfer.
 */
export function transcriptEnding(messages: readonly ChatMessage[], transfers: readonly number[]): TranscriptEnding {
  const last = lastHumanMessageIndex(messages);
  const token = last >= 0 ? stopTokenIn((messages[last] as ChatMessage & { content: string }).content) : undefined;
  if (token && isShownEnding(token)) return { reason: token, by: 'human', messageIndex: last };
  const transfer = transfers.find((index) => index > last);
  if (transfer !== undefined) return { reason: 'transfer', by: 'agent', messageIndex: transfer };
  return { messageIndex: last };
}

const describe = (ending: TranscriptEnding) =>
  ending.by === 'agent' ? `the agent's transfer call (message ${ending.messageIndex})` : `the human's ${ending.reason} token (message ${ending.messageIndex})`;

/** Where the stored termination contradicts the messages (the stored one is only cross-checked). */
export function terminationContradiction(stored: TerminationReason, ending: TranscriptEnding): TranscriptProblem | undefined {
  if (ending.reason && stored !== ending.reason) {
    return { messageIndex: ending.messageIndex, text: `the stored termination is ${stored}, but the conversation ends with ${describe(ending)}` };
  }
  if (!ending.reason && isShownEnding(stored)) {
    const where = ending.messageIndex >= 0 ? `the human's last message (message ${ending.messageIndex}) carries no stop token` : 'the human never spoke';
    return { messageIndex: Math.max(0, ending.messageIndex), text: `the stored termination is ${stored}, but ${where}${stored === 'transfer' ? ' and no transfer call follows it' : ''}` };
  }
  return undefined;
}
