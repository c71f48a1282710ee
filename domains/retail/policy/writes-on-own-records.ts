import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, isOneOf, orderBefore, orderWriteTools, textArgument, userIn, userWriteTools, type RuleFinding } from './trace-reading.ts';

/**
 * Every write acts on the identified user's own records: an order of theirs, their own profile, and
 * their own payment methods.
 */
export const writesOnOwnRecords = definePolicyRule<RetailRecords>({
  name: 'writes-on-own-records',
  description:
    "Every write acts on the conversation user's own records: only their orders are cancelled, modified, returned or exchanged, only their default address is changed, and only their payment methods are used.",
  appliesTo: [...orderWriteTools, ...userWriteTools],
  check(trace) {
    const findings: RuleFinding[] = [];
    for (const step of trace.steps) {
      if (isOneOf(userWriteTools, step)) {
        const userId = textArgument(step, 'user_id');
        if (userId !== undefined && userId !== trace.userId) {
          findings.push({
            actionIndex: step.index,
            message: `${step.call.name} changes the profile of user ${userId}, not of the conversation's user ${trace.userId}: a user may change only their own default address.`,
          });
        }
        continue;
      }
      if (!isOneOf(orderWriteTools, step)) continue;
      const order = orderBefore(step);
      if (!order) continue;
      if (order.user_id !== trace.userId) {
        findings.push({
          actionIndex: step.index,
          message: `${describeStep(step)} acts on an order of user ${order.user_id}, not of the conversation's user ${trace.userId}: refuse requests about other users' orders.`,
        });
        continue;
      }
      const paymentMethodId = textArgument(step, 'payment_method_id');
      const user = userIn(step.before, trace.userId);
      if (paymentMethodId !== undefined && user && !Object.hasOwn(user.payment_methods, paymentMethodId)) {
        findings.push({
          actionIndex: step.index,
          message: `${describeStep(step)} uses payment method ${paymentMethodId}, which is not one of user ${trace.userId}'s payment methods (${Object.keys(user.payment_methods).join(', ')}).`,
        });
      }
    }
    return findings;
  },
});
