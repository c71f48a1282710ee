import { z } from 'zod';
import { terminationReasonSchema } from './termination.ts';

/** Why a trajectory was kept or not: the first failed condition, in a fixed order. */
export const verdictReasonSchema = z.enum([
  'accepted',
  'not-user-stop',
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
  outputs: z.object({ expected: z.array(z.string()), found: z.array(z.string()), missing: z.array(z.string()) }),
  /** Diagnostic only: how many of the gold writes the agent made with the same arguments. */
  actionMatch: z.object({ goldWrites: z.number().int(), matched: z.number().int(), agentWrites: z.number().int() }),
  /** A judge's verdict, when a judge was configured for blueprints whose gold run changes nothing. */
  judge: z.object({ model: z.string(), passed: z.boolean(), reasoning: z.string() }).optional(),
});
export type Verdict = z.infer<typeof verdictSchema>;
