import { retail } from '../../domains/retail/index.ts';
import type { Order, RetailRecords } from '../../domains/retail/schema.ts';
import { BLUEPRINT_SCHEMA_VERSION, type Blueprint, type BlueprintAction } from '../../src/blueprints/blueprint.ts';
import { DomainState, type BaseState } from '../../src/domain-kit/index.ts';

/** The shipped retail database, loaded once per test file. */
let base: BaseState<RetailRecords> | undefined;
export const retailBase = (): BaseState<RetailRecords> => (base ??= retail.createBase());

/** The first pending order of the default data that has at least two items. */
export function pendingOrder(): Order {
  const state = new DomainState(retailBase());
  for (const order of state.values('orders')) if (order.status === 'pending' && order.items.length >= 2) return order as Order;
  throw new Error('the default retail data has no pending order');
}

export function testBlueprint(overrides: Partial<Blueprint> & { actions: BlueprintAction[] }): Blueprint {
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    id: 'test-blueprint',
    domain: 'retail',
    userId: pendingOrder().user_id,
    instruction: 'You want to cancel your pending order because you no longer need it.',
    outputs: [],
    provenance: { kind: 'authored', author: 'tests' },
    status: 'draft',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Cancel the pending order (one write), say the refund total. */
export function cancelBlueprint(): Blueprint {
  const order = pendingOrder();
  const user = new DomainState(retailBase()).get('users', order.user_id);
  return testBlueprint({
    id: 'cancel-pending',
    userId: order.user_id,
    instruction: `Your email is ${user?.email}. You want to cancel order ${order.order_id} because you no longer need it, and you want to know how much will be refunded.`,
    actions: [
      { name: 'get_order_details', arguments: { order_id: order.order_id } },
      { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' } },
    ],
    outputs: [String(order.payment_history[0]?.amount)],
  });
}

/** A fixed clock that ticks one second per reading. */
export function tickingClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return () => {
    const reading = new Date(now);
    now += 1000;
    return reading;
  };
}
