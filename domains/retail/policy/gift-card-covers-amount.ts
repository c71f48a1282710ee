import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { cents, describeStep, isOneOf, itemSwapTools, orderBefore, orderItem, textArgument, textListArgument, userIn, type RetailStep, type RuleFinding } from './trace-reading.ts';

/** What the new payment method must pay in this call: the order total, or the price difference of a swap. */
function amountToPay(step: RetailStep): { amount: number; what: string } | undefined {
  const order = orderBefore(step);
  if (!order) return undefined;
  if (step.call.name === 'modify_pending_order_payment') {
    const payment = order.payment_history[0];
    return payment ? { amount: payment.amount, what: 'the order total' } : undefined;
  }
  const itemIds = textListArgument(step, 'item_ids');
  const newItemIds = textListArgument(step, 'new_item_ids');
  if (!itemIds || !newItemIds || itemIds.length !== newItemIds.length) return undefined;
  let difference = 0;
  for (const [position, itemId] of itemIds.entries()) {
    const item = orderItem(order, itemId);
    const newItemId = newItemIds[position] as string;
    const product = item && step.before.get('products', item.product_id);
    const variant = product && Object.hasOwn(product.variants, newItemId) ? product.variants[newItemId] : undefined;
    if (!item || !variant) return undefined;
    difference += variant.price - item.price;
  }
  return { amount: cents(difference), what: 'the price difference' };
}

/** A gift card pays only what its balance covers. */
export const giftCardCoversAmount = definePolicyRule<RetailRecords>({
  name: 'gift-card-covers-amount',
  description:
    'A gift card chosen to pay has enough balance: for the whole order total when the payment of a pending order moves to it, for the price difference when items are modified or exchanged.',
  appliesTo: ['modify_pending_order_payment', ...itemSwapTools],
  check(trace) {
    const findings: RuleFinding[] = [];
    for (const step of trace.steps) {
      if (step.call.name !== 'modify_pending_order_payment' && !isOneOf(itemSwapTools, step)) continue;
      const paymentMethodId = textArgument(step, 'payment_method_id');
      const order = orderBefore(step);
      const method = order && paymentMethodId !== undefined ? userIn(step.before, order.user_id)?.payment_methods[paymentMethodId] : undefined;
      if (method?.source !== 'gift_card') continue;
      const due = amountToPay(step);
      if (!due || method.balance >= due.amount) continue;
      findings.push({
        actionIndex: step.index,
        message: `${describeStep(step)} pays ${due.what} of ${due.amount} with gift card ${paymentMethodId}, whose balance is only ${method.balance}: choose a payment method that covers it.`,
      });
    }
    return findings;
  },
});
