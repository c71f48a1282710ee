import type { Order, OrderItem, Product, User } from '../schema.ts';
import { generateAddress } from './generate-address.ts';
import { roundToCents } from './money.ts';
import type { RandomSource } from './random-source.ts';

/** The statuses orders start in, with tau-bench's shares of them. */
export const orderStatusShares = [
  { status: 'pending', share: 0.42 },
  { status: 'delivered', share: 0.37 },
  { status: 'processed', share: 0.105 },
  { status: 'cancelled', share: 0.105 },
] as const;

const mostItemsPerOrder = 5;
/** Share of orders shipped to the user's current address; the rest went to an earlier address. */
const currentAddressShare = 0.8;

/**
 * `count` orders `#WNNNNNNN`, each for a random user, with one to five distinct product variants copied
 * from the catalogue, one payment by one of the user's own payment methods for the total, a refund of it
 * when cancelled, and a fulfillment (one tracking id, every item) once processed or delivered. Each order
 * id is appended to its user's `orders`, so users list exactly their orders in data order.
 */
export function generateOrders(
  random: RandomSource,
  count: number,
  users: Record<string, User>,
  products: Record<string, Product>,
): Record<string, Order> {
  const orders: Record<string, Order> = {};
  const userIds = Object.keys(users);
  const productList = Object.values(products);
  const orderNumbers = new Set<string>();
  const trackingIds = new Set<string>();
  for (const status of random.shuffle(statusesFor(count))) {
    const userId = random.pick(userIds);
    const user = users[userId] as User;
    const orderId = `#W${random.uniqueDigits(7, orderNumbers)}`;
    const address = random.chance(currentAddressShare) ? structuredClone(user.address) : generateAddress(random);
    const items = pickItems(random, productList);
    const paymentMethodId = random.pick(Object.keys(user.payment_methods));
    const amount = roundToCents(items.reduce((total, item) => total + item.price, 0));
    const shipped = status === 'processed' || status === 'delivered';
    orders[orderId] = {
      order_id: orderId,
      user_id: userId,
      address,
      items,
      fulfillments: shipped ? [{ tracking_id: [random.uniqueDigits(12, trackingIds)], item_ids: items.map((item) => item.item_id) }] : [],
      status,
      payment_history: [
        { transaction_type: 'payment', amount, payment_method_id: paymentMethodId },
        ...(status === 'cancelled' ? [{ transaction_type: 'refund' as const, amount, payment_method_id: paymentMethodId }] : []),
      ],
    };
    user.orders.push(orderId);
  }
  return orders;
}

/** Exactly `count` statuses in tau-bench's proportions (the rounding remainder goes to pending). */
function statusesFor(count: number): string[] {
  const statuses: string[] = [];
  for (const { status, share } of orderStatusShares.slice(1)) {
    for (let index = 0; index < Math.round(count * share); index += 1) statuses.push(status);
  }
  while (statuses.length < count) statuses.push('pending');
  return statuses.slice(0, count);
}

/** One to five items, no variant twice, each with the variant's name, ids, price and options. */
function pickItems(random: RandomSource, products: readonly Product[]): OrderItem[] {
  const variantCount = products.reduce((total, product) => total + Object.keys(product.variants).length, 0);
  const itemCount = random.integer(1, Math.min(mostItemsPerOrder, variantCount));
  const items: OrderItem[] = [];
  while (items.length < itemCount) {
    const product = random.pick(products);
    const variant = random.pick(Object.values(product.variants));
    if (items.some((item) => item.item_id === variant.item_id)) continue;
    items.push({
      name: product.name,
      product_id: product.product_id,
      item_id: variant.item_id,
      price: variant.price,
      options: { ...variant.options },
    });
  }
  return items;
}
