import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, quoted, textArgument } from './trace-reading.ts';

export const allowedCancelReasons = ['no longer needed', 'ordered by mistake'] as const;

/** An order is cancelled only for one of the two reasons the policy accepts. */
export const cancelReasonAllowed = definePolicyRule<RetailRecords>({
  name: 'cancel-reason-allowed',
  description: "A pending order is cancelled only for the reason 'no longer needed' or 'ordered by mistake'; any other reason is refused.",
  appliesTo: ['cancel_pending_order'],
  check(trace) {
    return trace.steps
      .filter((step) => step.call.name === 'cancel_pending_order')
      .flatMap((step) => {
        const reason = textArgument(step, 'reason');
        if (reason !== undefined && (allowedCancelReasons as readonly string[]).includes(reason)) return [];
        const given = reason === undefined ? 'gives no reason' : `gives the reason '${reason}'`;
        return [{ actionIndex: step.index, message: `${describeStep(step)} ${given}: the only accepted reasons are ${quoted(allowedCancelReasons)}.` }];
      });
  },
});
