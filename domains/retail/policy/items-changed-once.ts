import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, isOneOf, itemsChangeTools, textArgument, type RetailStep, type RuleFinding } from './trace-reading.ts';

/**
 * An order's items are modified, exchanged or returned in a single call that lists every item: a
 * second such call on the same order means the items were not collected first.
 */
export const itemsChangedOnce = definePolicyRule<RetailRecords>({
  name: 'items-changed-once',
  description:
    "An order's items are modified, exchanged or returned at most once, in a single call that lists every item to change; no second items change follows on the same order.",
  appliesTo: itemsChangeTools,
  check(trace) {
    const findings: RuleFinding[] = [];
    const changed = new Map<string, RetailStep>();
    for (const step of trace.steps) {
      if (!isOneOf(itemsChangeTools, step)) continue;
      const orderId = textArgument(step, 'order_id');
      if (orderId === undefined) continue;
      const earlier = changed.get(orderId);
      if (earlier) {
        findings.push({
          actionIndex: step.index,
          message: `${describeStep(step)} changes the items of order ${orderId} a second time (actions[${earlier.index}] already called ${earlier.call.name} on it): collect every item to change into one call.`,
        });
      } else if (step.result.ok) {
        changed.set(orderId, step);
      }
    }
    return findings;
  },
});
