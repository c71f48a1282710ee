import { z } from 'zod';
import type { PolicyViolation } from '../../domain-kit/index.ts';

/** The source whose recorded policy exceptions the policy stage accepts: tau-bench's gold has known errors. */
export const POLICY_EXCEPTION_SOURCE = 'tau-bench';

/**
 * One rule of the domain's policy that the source task's own gold breaks, at one action, as the import
 * found it by running the policy rules on the gold. The task is kept as its source wrote it (so it still
 * replays to the source's expected state), and the exception says so in the blueprint itself.
 */
export const policyExceptionSchema = z.object({
  rule: z.string().min(1),
  /** The action of the blueprint (the import's added identification call counted) the rule points at. */
  actionIndex: z.number().int().nonnegative().optional(),
  /** Why the exception is there, with what the rule found at import time. */
  note: z.string().min(1),
});
export type PolicyException = z.infer<typeof policyExceptionSchema>;

/** The exceptions an import records for violations that the source's gold commits. */
export function policyExceptionsFor(violations: readonly PolicyViolation[], source: string): PolicyException[] {
  return violations.map((violation) => ({
    rule: violation.rule,
    ...(violation.actionIndex === undefined ? {} : { actionIndex: violation.actionIndex }),
    note: `${source}'s gold breaks this rule (found when the task was imported; kept so the task replays to ${source}'s expected state): ${violation.message}`,
  }));
}

/** Whether a violation is one of the recorded exceptions: the same rule at the same action. */
export const isRecordedException = (violation: PolicyViolation, exceptions: readonly PolicyException[]): boolean =>
  exceptions.some((exception) => exception.rule === violation.rule && exception.actionIndex === violation.actionIndex);
