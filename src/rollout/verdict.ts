import { z } from 'zod';
import { terminationReasonSchema } from './termination.ts';

/**
 * Why a trajectory was kept or not: the first failed condition, in a fixed order.
 * - invalid-transcript: the transcript does not re-derive (a tool result that replay does not reproduce, a
 *   call with no result, a stored field the messages contradict)
 * - not-user-stop: the last human message does not carry ###STOP### (and it is no gold transfer)
 * - unexpected-transfer: the episode ended in a transfer that the gold actions do not end with
 * - write-after-refusal: the agent made a write after the user refused it
 * - state-mismatch / missing-outputs: the final state or the outputs the user was shown are not the gold's
 * - judge-rejected / unverifiable: the gold run changes nothing and the outputs prove nothing; a judge
 *   decided against it, or none was configured
 */
export const verdictReasonSchema = z.enum([
  'accepted',
  'invalid-transcript',
  'not-user-stop',
  'unexpected-transfer',
  'write-after-refusal',
  'state-mismatch',
  'missing-outputs',
  'judge-rejected',
  'unverifiable',
]);
export type VerdictReason = z.infer<typeof verdictReasonSchema>;

const patchOperationSchema = z.object({ op: z.enum(['add', 'remove', 'replace']), path: z.string(), value: z.unknown().optional() });

/**
 * The acceptance verdict: a pure function of (blueprint, trajectory, domain data), so stored runs can
 * be re-graded without any model.
 */
export const verdictSchema = z.object({
  kept: z.boolean(),
  reason: verdictReasonSchema,
  /** How the episode ended, as the messages show it (the stored termination when the messages show no ending). */
  termination: terminationReasonSchema,
  state: z.object({
    match: z.boolean(),
    goldHash: z.string(),
    finalHash: z.string(),
    /** Whether the gold actions change the state at all (if not, the state match proves nothing alone). */
    goldChangesState: z.boolean(),
    /** From the gold final state to the agent's final state: empty when they match. */
    diff: z.object({ patch: z.array(patchOperationSchema), rendered: z.string() }),
  }),
  outputs: z.object({
    expected: z.array(z.string()),
    found: z.array(z.string()),
    missing: z.array(z.string()),
    /** The rule outputs were matched with (see outputs-match.ts); absent in older verdicts (tau-bench's substring rule). */
    rule: z.enum(['token', 'tau-bench']).optional(),
  }),
  /** Diagnostic only: how many of the gold writes the agent made with the same arguments. */
  actionMatch: z.object({ goldWrites: z.number().int(), matched: z.number().int(), agentWrites: z.number().int() }),
  /** A judge's verdict, when a judge was configured for blueprints whose gold run changes nothing. */
  judge: z.object({ model: z.string(), passed: z.boolean(), reasoning: z.string() }).optional(),
  /** For people: what made a rejected trajectory fail (the message index and what is wrong there). */
  detail: z.string().optional(),
  /** The message the failure is about (invalid-transcript, write-after-refusal). */
  messageIndex: z.number().int().nonnegative().optional(),
  /** The blueprint failed validation stages 1–3 and was rolled out anyway (`rollout --unvalidated`). */
  unvalidated: z.literal(true).optional(),
});
export type Verdict = z.infer<typeof verdictSchema>;
