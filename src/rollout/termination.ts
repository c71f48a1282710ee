import { z } from 'zod';

/**
 * Why an episode ended: a closed union, recorded in every trajectory and never compared as free text.
 * - user-stop: the simulated user said ###STOP### (the only ending a kept trajectory may have)
 * - transfer: the user said ###TRANSFER### or the agent called the transfer tool
 * - out-of-scope: the user said ###OUT-OF-SCOPE###
 * - max-turns: the conversation reached the message limit
 * - too-many-errors: the agent made too many tool or protocol errors
 * - agent-error / human-error: a model role failed in a way retries do not fix (a bad reply)
 * - infrastructure-error: a model endpoint stayed unreachable after its retries
 * - aborted: the caller cancelled the rollout
 */
export const terminationReasons = [
  'user-stop',
  'transfer',
  'out-of-scope',
  'max-turns',
  'too-many-errors',
  'agent-error',
  'human-error',
  'infrastructure-error',
  'aborted',
] as const;

export const terminationReasonSchema = z.enum(terminationReasons);
export type TerminationReason = z.infer<typeof terminationReasonSchema>;

export const terminationSchema = z.object({
  reason: terminationReasonSchema,
  /** What happened, for people: the error message, the limit reached. */
  detail: z.string().optional(),
});
export type Termination = z.infer<typeof terminationSchema>;

/** The tokens the simulated user may end a conversation with, and what each means. */
export const stopTokens = {
  '###STOP###': 'user-stop',
  '###TRANSFER###': 'transfer',
  '###OUT-OF-SCOPE###': 'out-of-scope',
} as const satisfies Record<string, TerminationReason>;

/** The ending a user message asks for, if it carries a stop token. */
export function stopTokenIn(text: string): TerminationReason | undefined {
  for (const [token, reason] of Object.entries(stopTokens)) if (text.includes(token)) return reason;
  return undefined;
}
