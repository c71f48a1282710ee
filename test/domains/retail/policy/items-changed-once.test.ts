import { describe, expect, it } from 'vitest';
import { itemsChangedOnce } from '../../../../domains/retail/policy/items-changed-once.ts';
import type { Order } from '../../../../domains/retail/schema.ts';
import { changeOrderAddress, check, firstOrder, originalPayment, otherOptions, returnItems, swapItems, traceOf } from './policy-fixtures.ts';

/** Items of the order (each id once in it) that have another available option, with that option. */
const swaps = (order: Order) =>
  order.items
    .filter((item) => order.items.filter((other) => other.item_id === item.item_id).length === 1)
    .flatMap((item) => otherOptions(item.product_id, item.item_id).slice(0, 1).map((replacement) => ({ item, replacement })));
const withTwoSwaps = (status: string) => firstOrder((order) => order.status === status && swaps(order).length >= 2, `${status} order with two swappable items`);

const pending = withTwoSwaps('pending');
const delivered = withTwoSwaps('delivered');
const [first, second] = swaps(pending);
const secondTime = (tool: string, order: Order, earlierIndex: number, earlierTool: string) =>
  `${tool} on order ${order.order_id} changes the items of order ${order.order_id} a second time (actions[${earlierIndex}] already called ${earlierTool} on it): collect every item to change into one call.`;

describe('items-changed-once', () => {
  it('passes one call that changes every item, after other changes of the same order', () => {
    const both = swapItems('modify_pending_order_items', pending, [first!.item.item_id, second!.item.item_id], [first!.replacement.item_id, second!.replacement.item_id], originalPayment(pending));
    expect(traceOf(pending.user_id, [changeOrderAddress(pending), both]).steps.map((step) => step.result.ok)).toEqual([true, true]);
    expect(check(itemsChangedOnce, pending.user_id, [changeOrderAddress(pending), both])).toEqual([]);
  });

  it('names a second items modification of the same order', () => {
    const one = swapItems('modify_pending_order_items', pending, [first!.item.item_id], [first!.replacement.item_id], originalPayment(pending));
    const two = swapItems('modify_pending_order_items', pending, [second!.item.item_id], [second!.replacement.item_id], originalPayment(pending));
    expect(check(itemsChangedOnce, pending.user_id, [one, two])).toEqual([{ actionIndex: 1, message: secondTime('modify_pending_order_items', pending, 0, 'modify_pending_order_items') }]);
  });

  it('names an exchange after a return of the same delivered order', () => {
    const [kept, swapped] = swaps(delivered);
    const giveBack = returnItems(delivered, [kept!.item.item_id], originalPayment(delivered));
    const exchange = swapItems('exchange_delivered_order_items', delivered, [swapped!.item.item_id], [swapped!.replacement.item_id], originalPayment(delivered));
    expect(check(itemsChangedOnce, delivered.user_id, [giveBack, exchange])).toEqual([
      { actionIndex: 1, message: secondTime('exchange_delivered_order_items', delivered, 0, 'return_delivered_order_items') },
    ]);
  });

  it('does not count a call the tool refused, which changed nothing', () => {
    const refused = swapItems('exchange_delivered_order_items', delivered, ['0000000000'], [first!.replacement.item_id], originalPayment(delivered));
    const [swap] = swaps(delivered);
    const exchange = swapItems('exchange_delivered_order_items', delivered, [swap!.item.item_id], [swap!.replacement.item_id], originalPayment(delivered));
    expect(traceOf(delivered.user_id, [refused, exchange]).steps.map((step) => step.result.ok)).toEqual([false, true]);
    expect(check(itemsChangedOnce, delivered.user_id, [refused, exchange])).toEqual([]);
  });
});
