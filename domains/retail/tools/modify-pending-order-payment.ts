import { z } from 'zod';
import { defineTool, fail, indexErrorText, keyErrorText, ok, pythonRound, type DomainState } from '../../../src/domain-kit/index.ts';
import type { PaymentMethod, RetailRecords } from '../schema.ts';
import { describeOrderId, describePaymentMethodId } from './parameter-descriptions.ts';

type GiftCard = Extract<PaymentMethod, { source: 'gift_card' }>;

export const modifyPendingOrderPayment = defineTool({
  name: 'modify_pending_order_payment',
  description:
    "Switch a pending order to another payment method. Before calling, the agent explains the change and gets the user's explicit confirmation (yes/no).",
  params: z.object({
    order_id: z.string().describe(describeOrderId),
    payment_method_id: z.string().describe(describePaymentMethodId),
  }),
  kind: 'write',
  run(state: DomainState<RetailRecords>, { order_id, payment_method_id }) {
    const current = state.get('orders', order_id);
    if (!current) return fail('Error: order not found');
    if (current.status !== 'pending') return fail('Error: non-pending order cannot be modified');

    const user = state.get('users', current.user_id);
    if (!user) return fail(keyErrorText(current.user_id));
    if (!Object.hasOwn(user.payment_methods, payment_method_id)) return fail('Error: payment method not found');

    const history = current.payment_history;
    if (history.length > 1) return fail('Error: there should be exactly one payment for a pending order');
    const original = history[0];
    if (!original) return fail(indexErrorText);
    if (original.transaction_type !== 'payment') return fail('Error: there should be exactly one payment for a pending order');
    if (original.payment_method_id === payment_method_id) return fail('Error: the new payment method should be different from the current one');

    const amount = original.amount;
    const paymentMethod = user.payment_methods[payment_method_id]!;
    if (paymentMethod.source === 'gift_card' && paymentMethod.balance < amount) {
      return fail('Error: insufficient gift card balance to pay for the order');
    }

    const order = state.edit('orders', order_id);
    order.payment_history.push(
      { transaction_type: 'payment', amount, payment_method_id },
      { transaction_type: 'refund', amount, payment_method_id: original.payment_method_id },
    );

    if (paymentMethod.source === 'gift_card') {
      const newCard = state.edit('users', order.user_id).payment_methods[payment_method_id] as GiftCard;
      newCard.balance = pythonRound(newCard.balance - amount, 2);
    }
    if (original.payment_method_id.includes('gift_card')) {
      const methods = state.edit('users', order.user_id).payment_methods;
      if (!Object.hasOwn(methods, original.payment_method_id)) return fail(keyErrorText(original.payment_method_id));
      const oldCard = methods[original.payment_method_id] as PaymentMethod & { balance?: number };
      if (typeof oldCard.balance !== 'number') return fail(keyErrorText('balance'));
      oldCard.balance = pythonRound(oldCard.balance + amount, 2);
    }
    return ok(order);
  },
});
