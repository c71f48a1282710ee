import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, orderBefore, type RuleFinding } from './trace-reading.ts';

/** The status each order write needs, and what the write does, as the policy puts it. */
const requiredStatus: Readonly<Record<string, { status: string; verb: string }>> = {
  cancel_pending_order: { status: 'pending', verb: 'cancelled' },
  modify_pending_order_address: { status: 'pending', verb: 'modified' },
  modify_pending_order_payment: { status: 'pending', verb: 'modified' },
  modify_pending_order_items: { status: 'pending', verb: 'modified' },
  return_delivered_order_items: { status: 'delivered', verb: 'returned' },
  exchange_delivered_order_items: { status: 'delivered', verb: 'exchanged' },
};

/** Pending orders are cancelled or modified, delivered orders returned or exchanged; nothing else. */
export const orderStatusAllowsAction = definePolicyRule<RetailRecords>({
  name: 'order-status-allows-action',
  description:
    "Only a 'pending' order is cancelled or modified (address, payment or items), and only a 'delivered' order is returned or exchanged; an order whose items were modified is neither modified nor cancelled again.",
  appliesTo: Object.keys(requiredStatus),
  check(trace) {
    const findings: RuleFinding[] = [];
    for (const step of trace.steps) {
      const required = requiredStatus[step.call.name];
      const order = orderBefore(step);
      if (!required || !order || order.status === required.status) continue;
      const why =
        order.status === 'pending (item modified)'
          ? "its items were already modified, and after that it can be neither modified nor cancelled"
          : `only ${required.status} orders can be ${required.verb}`;
      findings.push({
        actionIndex: step.index,
        message: `${describeStep(step)} acts on an order whose status is '${order.status}': ${why}. Tell the user so instead of calling the tool.`,
      });
    }
    return findings;
  },
});
