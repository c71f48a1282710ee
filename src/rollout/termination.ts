import { z } from 'zod';

/**
 * Why an episode ended: a closed union, recorded in every trajectory and never compared as free text.
 * - user-stop: the simulated user said ###STOP### (with a gold transfer, the only ending a kept trajectory may have)
 * - transfer: the user said ###TRANSFER### or the agent called the transfer tool
 * - out-of-scope: the user said ###OUT-OF-SCOPE###
 * - max-turns: the conversation reached the message limit
 * - too-many-errors: the agent made too many tool or protocol errors
 * - repeated-call: the agent made the same tool call with the same arguments too many times in a row
 * - token-budget: the rollout spent its token budget
 * - agent-stop: the agent wrote a stop token itself (only the user may end a conversation that way)
 * - agent-error / human-error: a model role failed in a way retries do not fix (a bad reply)
 * - infrastructure-error: a model endpoint stayed unreachable after its retries (timeout, connection, 5xx)
 * - endpoint-rejected: an endpoint refused the request itself: authentication (401/403) or unknown model (404)
 * - aborted: the caller cancelled the rollout
 *
 * The last three are about the world, not the agent: such a rollout is a failed job, never a verdict
 * (see `isFailedJobTermination`).
 */
export const terminationReasons = [
  'user-stop',
  'transfer',
  'out-of-scope',
  'max-turns',
  'too-many-errors',
  'repeated-call',
  'token-budget',
  'agent-stop',
  'agent-error',
  'human-error',
  'infrastructure-error',
  'endpoint-rejected',
  'aborted',
] as const;

export const terminationReasonSchema = z.enum(terminationReasons);
export type TerminationReason = z.infer<typeof terminationReasonSchema>;

/** Endings caused by the world (outages, refused credentials, cancellation): failed jobs, never graded. */
export const failedJobTerminations = ['infrastructure-error', 'endpoint-rejected', 'aborted'] as const satisfies readonly TerminationReason[];

/** Whether a rollout that ended this way is a failed job (retried by a resume, excluded from every rate). */
export function isFailedJobTermination(reason: TerminationReason): boolean {
  return (failedJobTerminations as readonly TerminationReason[]).includes(reason);
}

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
