import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, orderBefore, textArgument, type RuleFinding } from './trace-reading.ts';

/** A pending order's payment moves to one other payment method, never to the one already paying. */
export const paymentChangeDiffers = definePolicyRule<RetailRecords>({
  name: 'payment-change-differs',
  description: "A pending order's payment is moved to a single payment method different from the one that paid for it.",
  appliesTo: ['modify_pending_order_payment'],
  check(trace) {
    const findings: RuleFinding[] = [];
    for (const step of trace.steps) {
      if (step.call.name !== 'modify_pending_order_payment') continue;
      const order = orderBefore(step);
      const paymentMethodId = textArgument(step, 'payment_method_id');
      if (!order || paymentMethodId === undefined) continue;
      const history = order.payment_history;
      if (history.length > 1) {
        findings.push({
          actionIndex: step.index,
          message: `${describeStep(step)} acts on an order whose payment history already has ${history.length} entries: the payment can be moved only while the order has its one original payment.`,
        });
      } else if (history[0]?.payment_method_id === paymentMethodId) {
        findings.push({
          actionIndex: step.index,
          message: `${describeStep(step)} moves the payment to ${paymentMethodId}, the method that already pays for the order: the new method must be a different one.`,
        });
      }
    }
    return findings;
  },
});
