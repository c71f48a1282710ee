import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, orderBefore, textArgument, userIn, type RuleFinding } from './trace-reading.ts';

/** A return's refund goes to the payment method that paid for the order, or to a gift card the user has. */
export const refundToOriginalOrGiftCard = definePolicyRule<RetailRecords>({
  name: 'refund-to-original-or-gift-card',
  description: "The refund of a return goes either to the order's original payment method or to one of the user's existing gift cards.",
  appliesTo: ['return_delivered_order_items'],
  check(trace) {
    const findings: RuleFinding[] = [];
    for (const step of trace.steps) {
      if (step.call.name !== 'return_delivered_order_items') continue;
      const order = orderBefore(step);
      const paymentMethodId = textArgument(step, 'payment_method_id');
      if (!order || paymentMethodId === undefined) continue;
      const original = order.payment_history[0]?.payment_method_id;
      const method = userIn(step.before, order.user_id)?.payment_methods[paymentMethodId];
      if (paymentMethodId === original || method?.source === 'gift_card') continue;
      findings.push({
        actionIndex: step.index,
        message: `${describeStep(step)} refunds to ${paymentMethodId}, which is neither the original payment method ${original ?? '(none recorded)'} nor a gift card of the user: refund to the original method or an existing gift card.`,
      });
    }
    return findings;
  },
});
