import type { DomainData } from '../../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../../../../domains/retail/schema.ts';

const isWholeCents = (amount: number) => Number(amount.toFixed(2)) === amount;

/**
 * Every way a generated retail database can contradict itself, as readable problems (none = consistent):
 * orders point at real users and variants, users list exactly their own orders, payments use the user's
 * own methods and add up to the items, fulfillments exist exactly for processed and delivered orders.
 */
export function retailIntegrityProblems(data: DomainData<RetailRecords>): string[] {
  const problems: string[] = [];
  const { orders, products, users } = data;
  const ownerOf = new Map<string, string>();

  for (const [productId, product] of Object.entries(products)) {
    if (product.product_id !== productId) problems.push(`product ${productId}: key and product_id differ`);
    const optionNames = JSON.stringify(Object.keys(Object.values(product.variants)[0]?.options ?? {}));
    for (const [itemId, variant] of Object.entries(product.variants)) {
      if (variant.item_id !== itemId) problems.push(`variant ${itemId}: key and item_id differ`);
      if (JSON.stringify(Object.keys(variant.options)) !== optionNames) problems.push(`variant ${itemId}: options differ from its siblings'`);
      if (!isWholeCents(variant.price)) problems.push(`variant ${itemId}: price ${variant.price} is not whole cents`);
    }
  }

  for (const [userId, user] of Object.entries(users)) {
    for (const [methodId, method] of Object.entries(user.payment_methods)) {
      if (method.id !== methodId) problems.push(`user ${userId}: payment method key ${methodId} and id differ`);
      if (!methodId.startsWith(`${method.source}_`)) problems.push(`user ${userId}: ${methodId} is not a ${method.source} id`);
      if (method.source === 'gift_card' && !(method.balance >= 0)) problems.push(`user ${userId}: gift card ${methodId} has no balance`);
    }
    for (const orderId of user.orders) {
      if (orders[orderId]?.user_id !== userId) problems.push(`user ${userId}: lists ${orderId}, which is not theirs`);
      ownerOf.set(orderId, userId);
    }
    if (new Set(user.orders).size !== user.orders.length) problems.push(`user ${userId}: lists an order twice`);
  }

  for (const [orderId, order] of Object.entries(orders)) {
    const where = `order ${orderId}`;
    if (order.order_id !== orderId) problems.push(`${where}: key and order_id differ`);
    const user = users[order.user_id];
    if (!user) {
      problems.push(`${where}: unknown user ${order.user_id}`);
      continue;
    }
    if (ownerOf.get(orderId) !== order.user_id) problems.push(`${where}: missing from ${order.user_id}'s orders`);
    if (order.items.length === 0) problems.push(`${where}: no items`);
    for (const item of order.items) {
      const product = products[item.product_id];
      const variant = product?.variants[item.item_id];
      if (!product || !variant) {
        problems.push(`${where}: item ${item.item_id} is not a variant of product ${item.product_id}`);
        continue;
      }
      if (item.name !== product.name) problems.push(`${where}: item ${item.item_id} is named ${item.name}, product is ${product.name}`);
      if (item.price !== variant.price) problems.push(`${where}: item ${item.item_id} costs ${item.price}, variant ${variant.price}`);
      if (JSON.stringify(item.options) !== JSON.stringify(variant.options)) problems.push(`${where}: item ${item.item_id} options differ from the variant's`);
    }

    const [payment, ...later] = order.payment_history;
    const total = order.items.reduce((sum, item) => sum + item.price, 0);
    if (!payment || payment.transaction_type !== 'payment') problems.push(`${where}: does not start with a payment`);
    else {
      if (!Object.hasOwn(user.payment_methods, payment.payment_method_id)) problems.push(`${where}: paid with ${payment.payment_method_id}, not the user's`);
      if (Math.abs(payment.amount - total) > 0.005 + 1e-9 || !isWholeCents(payment.amount)) problems.push(`${where}: paid ${payment.amount} for items worth ${total}`);
    }
    const refund = order.status === 'cancelled' ? [{ transaction_type: 'refund', amount: payment?.amount, payment_method_id: payment?.payment_method_id }] : [];
    if (JSON.stringify(later) !== JSON.stringify(refund)) problems.push(`${where}: ${order.status} order has payment history ${JSON.stringify(order.payment_history)}`);

    const shipped = order.status === 'processed' || order.status === 'delivered';
    const fulfilled = order.fulfillments.flatMap((fulfillment) => fulfillment.item_ids);
    if (shipped) {
      if (JSON.stringify([...fulfilled].sort()) !== JSON.stringify(order.items.map((item) => item.item_id).sort())) problems.push(`${where}: fulfillments do not cover exactly its items`);
      if (order.fulfillments.some((fulfillment) => fulfillment.tracking_id.length === 0)) problems.push(`${where}: a fulfillment has no tracking id`);
    } else if (order.fulfillments.length > 0) problems.push(`${where}: ${order.status} order has fulfillments`);
  }

  for (const orderId of ownerOf.keys()) if (!Object.hasOwn(orders, orderId)) problems.push(`users list unknown order ${orderId}`);
  return problems;
}
