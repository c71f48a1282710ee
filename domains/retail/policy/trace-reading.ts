import type { ActionStep, DeepReadonly, DomainState, PolicyTrace } from '../../../src/domain-kit/index.ts';
import type { Order, OrderItem, RetailRecords, User } from '../schema.ts';

/** What the retail rules read: the blueprint's user and every action with its states. */
export type RetailTrace = PolicyTrace<RetailRecords>;
export type RetailStep = ActionStep<RetailRecords>;
export type RuleFinding = { actionIndex?: number; message: string };

/** The calls that identify the user: their result is the user id they found. */
export const identificationTools = ['find_user_id_by_email', 'find_user_id_by_name_zip'] as const;

/** Writes that act on one order, named by their `order_id` argument. */
export const orderWriteTools = [
  'cancel_pending_order',
  'modify_pending_order_address',
  'modify_pending_order_payment',
  'modify_pending_order_items',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
] as const;

/** Writes that change an order's items: each may run once per order, with every item in one call. */
export const itemsChangeTools = ['modify_pending_order_items', 'exchange_delivered_order_items', 'return_delivered_order_items'] as const;

/** Writes that swap items for other options of the same product. */
export const itemSwapTools = ['modify_pending_order_items', 'exchange_delivered_order_items'] as const;

export const userWriteTools = ['modify_user_address'] as const;

export const isOneOf = (names: readonly string[], step: RetailStep) => names.includes(step.call.name);

/** One argument of the call as it was sent (calls are judged even when the tool refused them). */
export function argumentOf(step: RetailStep, name: string): unknown {
  const args = step.call.arguments;
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return undefined;
  return (args as Record<string, unknown>)[name];
}

export function textArgument(step: RetailStep, name: string): string | undefined {
  const value = argumentOf(step, name);
  return typeof value === 'string' ? value : undefined;
}

export function textListArgument(step: RetailStep, name: string): string[] | undefined {
  const value = argumentOf(step, name);
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? value : undefined;
}

/** The order the call names, as it was just before the call. */
export function orderBefore(step: RetailStep): DeepReadonly<Order> | undefined {
  const orderId = textArgument(step, 'order_id');
  return orderId === undefined ? undefined : step.before.get('orders', orderId);
}

export const userIn = (state: DomainState<RetailRecords>, userId: string): DeepReadonly<User> | undefined => state.get('users', userId);

/** The first item of the order with this id (the one tau-bench's tools act on). */
export const orderItem = (order: DeepReadonly<Order>, itemId: string): DeepReadonly<OrderItem> | undefined => order.items.find((item) => item.item_id === itemId);

/** The call as a reader names it: `cancel_pending_order on order #W4049349`, `modify_user_address for user ana_lee_1234`. */
export function describeStep(step: RetailStep): string {
  const orderId = textArgument(step, 'order_id');
  if (orderId !== undefined) return `${step.call.name} on order ${orderId}`;
  const userId = textArgument(step, 'user_id');
  if (userId !== undefined) return `${step.call.name} for user ${userId}`;
  return step.call.name;
}

/** The user id an identification call found, or undefined when it found nobody. */
export function identifiedUser(step: RetailStep): string | undefined {
  return isOneOf(identificationTools, step) && step.result.ok ? step.result.content : undefined;
}

/** Money as the tools round it: to the cent. */
export const cents = (amount: number) => Math.round(amount * 100) / 100;

export const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(' or ');
