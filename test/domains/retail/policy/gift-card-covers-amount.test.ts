import { describe, expect, it } from 'vitest';
import { giftCardCoversAmount } from '../../../../domains/retail/policy/gift-card-covers-amount.ts';
import type { Order } from '../../../../domains/retail/schema.ts';
import { changePayment, check, firstOrder, giftCards, originalPayment, otherOptions, swapItems, userOf } from './policy-fixtures.ts';

const cents = (amount: number) => Math.round(amount * 100) / 100;
const total = (order: Order) => order.payment_history[0]!.amount;
const paidOtherwise = (order: Order) => !originalPayment(order).startsWith('gift_card');

/** The dearest other option of an item of the order (each item id once in it), with the price rise. */
function dearestSwap(order: Order) {
  const candidates = order.items
    .filter((item) => order.items.filter((other) => other.item_id === item.item_id).length === 1)
    .flatMap((item) => otherOptions(item.product_id, item.item_id).map((replacement) => ({ item, replacement, rise: cents(replacement.price - item.price) })));
  return candidates.sort((a, b) => b.rise - a.rise)[0];
}

describe('gift-card-covers-amount', () => {
  it('passes a move of the payment to a gift card that covers the order total', () => {
    const order = firstOrder((candidate, user) => candidate.status === 'pending' && paidOtherwise(candidate) && giftCards(user).some((card) => card.balance >= total(candidate)), 'pending order a gift card covers');
    const card = giftCards(userOf(order)).find((candidate) => candidate.balance >= total(order))!;
    expect(check(giftCardCoversAmount, order.user_id, [changePayment(order, card.id)])).toEqual([]);
  });

  it('names a move of the payment to a gift card that does not cover the order total', () => {
    const order = firstOrder((candidate, user) => candidate.status === 'pending' && paidOtherwise(candidate) && giftCards(user).some((card) => card.balance < total(candidate)), 'pending order a gift card does not cover');
    const card = giftCards(userOf(order)).find((candidate) => candidate.balance < total(order))!;
    expect(check(giftCardCoversAmount, order.user_id, [changePayment(order, card.id)])).toEqual([
      {
        actionIndex: 0,
        message: `modify_pending_order_payment on order ${order.order_id} pays the order total of ${total(order)} with gift card ${card.id}, whose balance is only ${card.balance}: choose a payment method that covers it.`,
      },
    ]);
  });

  it.each(['pending', 'delivered'] as const)('names a %s order item swap whose price rise the gift card does not cover', (status) => {
    const order = firstOrder((candidate, user) => {
      const swap = candidate.status === status ? dearestSwap(candidate) : undefined;
      return swap !== undefined && giftCards(user).some((card) => card.balance < swap.rise);
    }, `${status} order with a swap dearer than a gift card's balance`);
    const swap = dearestSwap(order)!;
    const card = giftCards(userOf(order)).find((candidate) => candidate.balance < swap.rise)!;
    const tool = status === 'pending' ? 'modify_pending_order_items' : 'exchange_delivered_order_items';
    expect(check(giftCardCoversAmount, order.user_id, [swapItems(tool, order, [swap.item.item_id], [swap.replacement.item_id], card.id)])).toEqual([
      {
        actionIndex: 0,
        message: `${tool} on order ${order.order_id} pays the price difference of ${swap.rise} with gift card ${card.id}, whose balance is only ${card.balance}: choose a payment method that covers it.`,
      },
    ]);
  });

  it('passes a swap that lowers the price, whatever the gift card holds', () => {
    const cheaper = (order: Order) => order.items.flatMap((item) => otherOptions(item.product_id, item.item_id).filter((option) => option.price < item.price).map((replacement) => ({ item, replacement })))[0];
    const order = firstOrder((candidate, user) => candidate.status === 'pending' && cheaper(candidate) !== undefined && giftCards(user).length > 0, 'pending order with a cheaper option and a gift card');
    const { item, replacement } = cheaper(order)!;
    expect(check(giftCardCoversAmount, order.user_id, [swapItems('modify_pending_order_items', order, [item.item_id], [replacement.item_id], giftCards(userOf(order))[0]!.id)])).toEqual([]);
  });
});
