import type { DomainState } from '../../../domain-kit/index.ts';
import { pick } from '../../../rollout/offline/seeded-random.ts';
import { shuffle } from '../few-shot.ts';
import { describePaymentMethod, formatAddress, listInWords, type AddressRecord, type DomainTemplates, type PaymentMethodRecord, type TemplateInput, type WriteTemplate } from './write-template.ts';

/**
 * OFFLINE TEMPLATES — retail. Requests a customer of the store makes, each filled from a real record:
 * cancel a pending order with a valid reason, send it elsewhere, pay it another way, swap items for
 * other options of the same product, return or exchange delivered items, change the default address.
 */
interface Item {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}
interface Order {
  order_id: string;
  user_id: string;
  address: AddressRecord;
  items: Item[];
  status: string;
  payment_history: Array<{ transaction_type: string; amount: number; payment_method_id: string }>;
}
interface User {
  name: { first_name: string; last_name: string };
  address: AddressRecord;
  email: string;
  payment_methods: Record<string, PaymentMethodRecord>;
}
interface Product {
  variants: Record<string, { item_id: string; options: Record<string, string>; available: boolean; price: number }>;
}

const order = (state: DomainState, id: string) => state.get('orders', id) as Order | undefined;
const user = (state: DomainState, id: string) => state.get('users', id) as User | undefined;
const options = (values: Record<string, string>) => Object.entries(values).map(([key, value]) => `${key} ${value}`).join(', ');
const describeItem = (item: Item) => `the ${item.name} (${options(item.options)})`;
const itemsInWords = (items: readonly Item[]) => listInWords(items.map((item) => item.name));

/** A different address someone else in the data lives at (a real-looking one). */
function otherAddress(state: DomainState, current: AddressRecord, random: () => number): AddressRecord {
  const addresses = [...state.values('users')].map((record) => (record as unknown as User).address).filter((address) => address.address1 !== current.address1);
  const chosen = pick(random, addresses);
  return { address1: chosen.address1, address2: chosen.address2, city: chosen.city, state: chosen.state, country: chosen.country, zip: chosen.zip };
}

const addressArguments = (address: AddressRecord) => ({ address1: address.address1, address2: address.address2, city: address.city, state: address.state, country: address.country, zip: address.zip });

/** Items that appear once in the order and have another available option of the same product. */
function swappableItems(state: DomainState, items: readonly Item[]): Array<{ item: Item; alternatives: Product['variants'][string][] }> {
  return items
    .filter((item) => items.filter((other) => other.item_id === item.item_id).length === 1)
    .map((item) => {
      const product = state.get('products', item.product_id) as Product | undefined;
      const alternatives = Object.values(product?.variants ?? {}).filter((variant) => variant.available && variant.item_id !== item.item_id);
      return { item, alternatives };
    })
    .filter((entry) => entry.alternatives.length > 0);
}

/** The payment method for a price difference: the original one when it can pay, else another that can. */
function differenceMethod(customer: User, original: string | undefined, difference: number, random: () => number): PaymentMethodRecord | undefined {
  const canPay = (method: PaymentMethodRecord) => method.source !== 'gift_card' || (method.balance ?? 0) >= difference;
  const first = original ? customer.payment_methods[original] : undefined;
  if (first && canPay(first)) return first;
  const others = Object.values(customer.payment_methods).filter(canPay);
  return others.length > 0 ? pick(random, others) : undefined;
}

function swapItems(input: TemplateInput, status: string, tool: string) {
  const current = order(input.state, input.targetId);
  const customer = user(input.state, input.userId);
  if (!current || !customer || current.status !== status) return undefined;
  const swappable = shuffle(swappableItems(input.state, current.items), input.random);
  if (swappable.length === 0) return undefined;
  const chosen = swappable.slice(0, swappable.length > 1 && input.random() < 0.3 ? 2 : 1);
  const pairs = chosen.map(({ item, alternatives }) => ({ item, replacement: pick(input.random, alternatives) }));
  const difference = pairs.reduce((sum, { item, replacement }) => sum + replacement.price - item.price, 0);
  const method = differenceMethod(customer, current.payment_history[0]?.payment_method_id, difference, input.random);
  if (!method) return undefined;
  const changes = listInWords(pairs.map(({ item, replacement }) => `${describeItem(item)} for the one with ${options(replacement.options)}`));
  return {
    changes,
    method,
    action: {
      name: tool,
      arguments: { order_id: current.order_id, item_ids: pairs.map(({ item }) => item.item_id), new_item_ids: pairs.map(({ replacement }) => replacement.item_id), payment_method_id: method.id },
    },
    current,
  };
}

const cancelPendingOrder: WriteTemplate = ({ state, targetId, random }) => {
  const current = order(state, targetId);
  if (current?.status !== 'pending') return undefined;
  const reason = pick(random, ['no longer needed', 'ordered by mistake'] as const);
  const because = reason === 'no longer needed' ? 'you no longer need it' : 'you ordered it by mistake';
  return {
    wish: `You want to cancel order ${current.order_id} (${itemsInWords(current.items)}) because ${because}.`,
    actions: [{ name: 'cancel_pending_order', arguments: { order_id: current.order_id, reason } }],
    outputs: [],
  };
};

const modifyPendingOrderAddress: WriteTemplate = ({ state, targetId, random }) => {
  const current = order(state, targetId);
  if (current?.status !== 'pending') return undefined;
  const address = otherAddress(state, current.address, random);
  return {
    wish: `You want order ${current.order_id} to be delivered to ${formatAddress(address)} instead of the address it has now.`,
    actions: [{ name: 'modify_pending_order_address', arguments: { order_id: current.order_id, ...addressArguments(address) } }],
    outputs: [],
  };
};

const modifyUserAddress: WriteTemplate = ({ state, userId, random }) => {
  const customer = user(state, userId);
  if (!customer) return undefined;
  const address = otherAddress(state, customer.address, random);
  return {
    wish: `You have moved, and you want the default address on your account changed to ${formatAddress(address)}.`,
    actions: [{ name: 'modify_user_address', arguments: { user_id: userId, ...addressArguments(address) } }],
    outputs: [],
  };
};

const modifyPendingOrderPayment: WriteTemplate = ({ state, userId, targetId, random }) => {
  const current = order(state, targetId);
  const customer = user(state, userId);
  const payment = current?.payment_history[0];
  if (!current || !customer || current.status !== 'pending' || current.payment_history.length !== 1 || payment?.transaction_type !== 'payment') return undefined;
  const others = Object.values(customer.payment_methods).filter((method) => method.id !== payment.payment_method_id && (method.source !== 'gift_card' || (method.balance ?? 0) >= payment.amount));
  if (others.length === 0) return undefined;
  const method = pick(random, others);
  const original = customer.payment_methods[payment.payment_method_id];
  return {
    wish: `You want to pay for order ${current.order_id} with ${describePaymentMethod(method)}${original ? ` instead of ${describePaymentMethod(original)}` : ''}.`,
    actions: [{ name: 'modify_pending_order_payment', arguments: { order_id: current.order_id, payment_method_id: method.id } }],
    outputs: [],
  };
};

const modifyPendingOrderItems: WriteTemplate = (input) => {
  const swap = swapItems(input, 'pending', 'modify_pending_order_items');
  if (!swap) return undefined;
  return {
    wish: `In your pending order ${swap.current.order_id} you want to change ${swap.changes}, and to settle any price difference with ${describePaymentMethod(swap.method)}. That is every change you want to that order.`,
    actions: [swap.action],
    outputs: [],
  };
};

const exchangeDeliveredOrderItems: WriteTemplate = (input) => {
  const swap = swapItems(input, 'delivered', 'exchange_delivered_order_items');
  if (!swap) return undefined;
  return {
    wish: `From your delivered order ${swap.current.order_id} you want to exchange ${swap.changes}, with any price difference paid or refunded through ${describePaymentMethod(swap.method)}. Those are all the items you want to exchange.`,
    actions: [swap.action],
    outputs: [],
  };
};

const returnDeliveredOrderItems: WriteTemplate = ({ state, userId, targetId, random }) => {
  const current = order(state, targetId);
  const customer = user(state, userId);
  if (!current || !customer || current.status !== 'delivered' || current.items.length === 0) return undefined;
  const original = customer.payment_methods[current.payment_history[0]?.payment_method_id ?? ''];
  const giftCards = Object.values(customer.payment_methods).filter((method) => method.source === 'gift_card');
  const method = original && (giftCards.length === 0 || random() < 0.7) ? original : giftCards.length > 0 ? pick(random, giftCards) : undefined;
  if (!method) return undefined;
  const items = shuffle(current.items, random).slice(0, 1 + Math.floor(random() * Math.min(2, current.items.length)));
  const refund = method === original ? 'to the original payment method' : `to ${describePaymentMethod(method)}`;
  return {
    wish: `You want to return ${listInWords(items.map(describeItem))} from your delivered order ${current.order_id}, with the refund going ${refund}.`,
    actions: [{ name: 'return_delivered_order_items', arguments: { order_id: current.order_id, item_ids: items.map((item) => item.item_id), payment_method_id: method.id } }],
    outputs: [],
  };
};

/** Whether a lookup by the customer's name and zip code finds them (and not someone of the same name and zip code listed first). */
function nameAndZipFind(state: DomainState, userId: string, customer: User): boolean {
  const same = (text: string, other: string) => text.toLowerCase() === other.toLowerCase();
  for (const [id, record] of state.entries('users')) {
    const other = record as unknown as User;
    if (same(other.name.first_name, customer.name.first_name) && same(other.name.last_name, customer.name.last_name) && other.address.zip === customer.address.zip) return id === userId;
  }
  return false;
}

export const retailTemplates: DomainTemplates = {
  identity(state, userId, walk, random) {
    const customer = user(state, userId);
    if (!customer) return { sentence: `Your user id is ${userId}.`, action: { name: 'get_user_details', arguments: { user_id: userId } } };
    const name = `${customer.name.first_name} ${customer.name.last_name}`;
    const byEmail = walk.includes('find_user_id_by_email') || (!walk.includes('find_user_id_by_name_zip') && random() < 0.5);
    if (byEmail || !nameAndZipFind(state, userId, customer)) {
      return { sentence: `Your name is ${name} and your email is ${customer.email}.`, action: { name: 'find_user_id_by_email', arguments: { email: customer.email } } };
    }
    return {
      sentence: `Your name is ${name} and you live in zip code ${customer.address.zip}.`,
      action: { name: 'find_user_id_by_name_zip', arguments: { first_name: customer.name.first_name, last_name: customer.name.last_name, zip: customer.address.zip } },
    };
  },
  templates: {
    cancel_pending_order: cancelPendingOrder,
    modify_pending_order_address: modifyPendingOrderAddress,
    modify_pending_order_payment: modifyPendingOrderPayment,
    modify_pending_order_items: modifyPendingOrderItems,
    modify_user_address: modifyUserAddress,
    return_delivered_order_items: returnDeliveredOrderItems,
    exchange_delivered_order_items: exchangeDeliveredOrderItems,
  },
};
