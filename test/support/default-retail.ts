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

/** The email the user gives to be identified. */
function emailOf(userId: string): string {
  const user = new DomainState(retailBase()).get('users', userId);
  if (!user) throw new Error(`the default retail data has no user ${userId}`);
  return user.email;
}

/**
 * The call that identifies the user by their email: the retail policy (rule identify-user-first) wants
 * it before any of their records is read or changed, so a valid blueprint starts with it.
 */
export const identifyByEmail = (userId = pendingOrder().user_id): BlueprintAction => ({ name: 'find_user_id_by_email', arguments: { email: emailOf(userId) } });

/**
 * A draft blueprint of the pending order's user with the given actions, taken as they are (a valid one
 * starts with `identifyByEmail()`; the default instruction gives that email).
 */
export function testBlueprint(overrides: Partial<Blueprint> & { actions: BlueprintAction[] }): Blueprint {
  const userId = overrides.userId ?? pendingOrder().user_id;
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    id: 'test-blueprint',
    domain: 'retail',
    userId,
    instruction: `Your email is ${emailOf(userId)}. You want to cancel your pending order because you no longer need it.`,
    outputs: [],
    provenance: { kind: 'authored', author: 'tests' },
    status: 'draft',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Identify the user by email, look at the pending order, cancel it (one write), say the refund total. */
export function cancelBlueprint(): Blueprint {
  const order = pendingOrder();
  return testBlueprint({
    id: 'cancel-pending',
    userId: order.user_id,
    instruction: `Your email is ${emailOf(order.user_id)}. You want to cancel order ${order.order_id} because you no longer need it, and you want to know how much will be refunded.`,
    actions: [
      identifyByEmail(order.user_id),
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
