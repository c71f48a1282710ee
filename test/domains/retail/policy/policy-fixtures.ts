import { retail } from '../../../../domains/retail/index.ts';
import { retailPolicyRules } from '../../../../domains/retail/policy/index.ts';
import type { Order, PaymentMethod, Product, RetailRecords, User, Variant } from '../../../../domains/retail/schema.ts';
import { checkPolicy, DomainState, tracePolicy, type BaseState, type PolicyRule, type ToolCall } from '../../../../src/domain-kit/index.ts';

/** The shipped default data, loaded once per test file. */
let base: BaseState<RetailRecords> | undefined;
export const defaultBase = (): BaseState<RetailRecords> => (base ??= retail.createBase());
const state = () => new DomainState(defaultBase());

export const orders = (): Order[] => [...state().values('orders')] as Order[];
export const userOf = (order: Pick<Order, 'user_id'>): User => state().get('users', order.user_id) as User;
export const productOf = (productId: string): Product => state().get('products', productId) as Product;

/** The first order of the default data (in data order) that fits. */
export function firstOrder(fits: (order: Order, user: User) => boolean, what: string): Order {
  const found = orders().find((order) => fits(order, userOf(order)));
  if (!found) throw new Error(`the default retail data has no ${what}`);
  return found;
}

export const withStatus = (status: string) => firstOrder((order) => order.status === status, `${status} order`);

/** A pending order of another user than `order`'s. */
export const otherUsersOrder = (order: Order, status = 'pending') => firstOrder((other) => other.status === status && other.user_id !== order.user_id, `${status} order of another user`);

export const paymentMethods = (user: User): PaymentMethod[] => Object.values(user.payment_methods);
export const giftCards = (user: User) => paymentMethods(user).filter((method): method is Extract<PaymentMethod, { source: 'gift_card' }> => method.source === 'gift_card');

/** Available variants of the item's product other than the item itself. */
export const otherOptions = (productId: string, itemId: string): Variant[] => Object.values(productOf(productId).variants).filter((variant) => variant.available && variant.item_id !== itemId);

// Calls, named as the agent would make them.
export const identifyByEmail = (user: User): ToolCall => ({ name: 'find_user_id_by_email', arguments: { email: user.email } });
export const identifyByNameZip = (user: User, zip = user.address.zip): ToolCall => ({
  name: 'find_user_id_by_name_zip',
  arguments: { first_name: user.name.first_name, last_name: user.name.last_name, zip },
});
export const getOrder = (order: Pick<Order, 'order_id'>): ToolCall => ({ name: 'get_order_details', arguments: { order_id: order.order_id } });
export const getUser = (userId: string): ToolCall => ({ name: 'get_user_details', arguments: { user_id: userId } });
export const cancel = (order: Pick<Order, 'order_id'>, reason = 'no longer needed'): ToolCall => ({ name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason } });
export const swapItems = (name: 'modify_pending_order_items' | 'exchange_delivered_order_items', order: Pick<Order, 'order_id'>, itemIds: string[], newItemIds: string[], paymentMethodId: string): ToolCall => ({
  name,
  arguments: { order_id: order.order_id, item_ids: itemIds, new_item_ids: newItemIds, payment_method_id: paymentMethodId },
});
export const returnItems = (order: Pick<Order, 'order_id'>, itemIds: string[], paymentMethodId: string): ToolCall => ({
  name: 'return_delivered_order_items',
  arguments: { order_id: order.order_id, item_ids: itemIds, payment_method_id: paymentMethodId },
});
export const changePayment = (order: Pick<Order, 'order_id'>, paymentMethodId: string): ToolCall => ({
  name: 'modify_pending_order_payment',
  arguments: { order_id: order.order_id, payment_method_id: paymentMethodId },
});
export const newAddress = { address1: '12 Test Street', address2: 'Unit 1', city: 'Springfield', state: 'IL', country: 'USA', zip: '62701' };
export const changeOrderAddress = (order: Pick<Order, 'order_id'>): ToolCall => ({ name: 'modify_pending_order_address', arguments: { order_id: order.order_id, ...newAddress } });
export const changeUserAddress = (userId: string): ToolCall => ({ name: 'modify_user_address', arguments: { user_id: userId, ...newAddress } });
export const originalPayment = (order: Order) => order.payment_history[0]?.payment_method_id as string;

export const traceOf = (userId: string, calls: readonly ToolCall[]) => tracePolicy(retail, defaultBase(), userId, calls);

/** One rule's findings over the calls, run on the default data. */
export const check = (rule: PolicyRule<RetailRecords>, userId: string, calls: readonly ToolCall[]) => rule.check(traceOf(userId, calls));

/** Every retail rule's findings over the calls. */
export const checkAll = (userId: string, calls: readonly ToolCall[]) => checkPolicy(retailPolicyRules, traceOf(userId, calls));
