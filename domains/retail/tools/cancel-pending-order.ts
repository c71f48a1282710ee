import { z } from 'zod';
import { defineTool, fail, keyErrorText, ok, pythonRound, type DomainState } from '../../../src/domain-kit/index.ts';
import type { PaymentMethod, RetailRecords } from '../schema.ts';
import { describeOrderId } from './parameter-descriptions.ts';

const cancelReasons = ['no longer needed', 'ordered by mistake'] as const;

export const cancelPendingOrder = defineTool({
  name: 'cancel_pending_order',
  description:
    "Cancel an order that is still pending; an order already processed or delivered cannot be cancelled. Before calling, the agent explains what the cancellation does and gets the user's explicit confirmation (yes/no). On success the order's status becomes 'cancelled' and every payment is refunded: a refund to a gift card is credited to its balance at once, any other refund takes 5-7 business days to arrive. Returns the order as it is after the cancellation.",
  params: z.object({
    order_id: z.string().describe(describeOrderId),
    reason: z.enum(cancelReasons).describe("Why the order is cancelled: exactly 'no longer needed' or 'ordered by mistake'."),
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { order_id, reason }) {
    const current = state.get('orders', order_id);
    if (!current) return fail('Error: order not found');
    if (current.status !== 'pending') return fail('Error: non-pending order cannot be cancelled');
    if (!(cancelReasons as readonly string[]).includes(reason)) return fail('Error: invalid reason');

    const order = state.edit('orders', order_id);
    const refunds = [];
    for (const payment of order.payment_history) {
      const paymentMethodId = payment.payment_method_id;
      refunds.push({ transaction_type: 'refund' as const, amount: payment.amount, payment_method_id: paymentMethodId });
      if (!paymentMethodId.includes('gift_card')) continue;
      if (!state.has('users', order.user_id)) return fail(keyErrorText(order.user_id));
      const methods = state.edit('users', order.user_id).payment_methods;
      if (!Object.hasOwn(methods, paymentMethodId)) return fail(keyErrorText(paymentMethodId));
      const giftCard = methods[paymentMethodId] as PaymentMethod & { balance?: number };
      if (typeof giftCard.balance !== 'number') return fail(keyErrorText('balance'));
      giftCard.balance = pythonRound(giftCard.balance + payment.amount, 2);
    }

    order.status = 'cancelled';
    order.cancel_reason = reason;
    order.payment_history.push(...refunds);
    return ok(order);
  },
});
