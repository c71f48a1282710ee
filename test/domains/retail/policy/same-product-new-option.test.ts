import { describe, expect, it } from 'vitest';
import { sameProductNewOption } from '../../../../domains/retail/policy/same-product-new-option.ts';
import type { Order, OrderItem } from '../../../../domains/retail/schema.ts';
import { check, firstOrder, originalPayment, otherOptions, productOf, swapItems } from './policy-fixtures.ts';

const unavailableOption = (item: OrderItem) => Object.values(productOf(item.product_id).variants).find((variant) => !variant.available && variant.item_id !== item.item_id);
const fits = (order: Order, status: string) => order.status === status && order.items.length >= 2 && order.items[0]!.product_id !== order.items[1]!.product_id;
const stillSold = (item: OrderItem) => productOf(item.product_id).variants[item.item_id]?.available === true;
const pending = firstOrder(
  (order) => fits(order, 'pending') && stillSold(order.items[0]!) && otherOptions(order.items[0]!.product_id, order.items[0]!.item_id).length > 0,
  'pending order to modify',
);
const delivered = firstOrder((order) => fits(order, 'delivered') && unavailableOption(order.items[0]!) !== undefined, 'delivered order with an unavailable option');
const [item, otherProductItem] = pending.items as [OrderItem, OrderItem];
const replacement = otherOptions(item.product_id, item.item_id)[0]!;
const product = productOf(item.product_id);
const modify = (itemIds: string[], newItemIds: string[]) => swapItems('modify_pending_order_items', pending, itemIds, newItemIds, originalPayment(pending));
const label = `modify_pending_order_items on order ${pending.order_id}`;

describe('same-product-new-option', () => {
  it('passes an item changed into another available option of its product', () => {
    expect(check(sameProductNewOption, pending.user_id, [modify([item.item_id], [replacement.item_id])])).toEqual([]);
  });

  it('leaves an item "changed" into itself (still sold) alone: tau-bench tasks replace items with identical ones', () => {
    expect(check(sameProductNewOption, pending.user_id, [modify([item.item_id], [item.item_id])])).toEqual([]);
  });

  it('names a new item of another product', () => {
    expect(check(sameProductNewOption, pending.user_id, [modify([item.item_id], [otherProductItem.item_id])])).toEqual([
      {
        actionIndex: 0,
        message: `${label}: new item ${otherProductItem.item_id} is not an item of ${product.name} (product ${product.product_id}), the product of item ${item.item_id}: an item can only become another option of the same product.`,
      },
    ]);
  });

  it('names an option that is not available', () => {
    const first = delivered.items[0]!;
    const unavailable = unavailableOption(first)!;
    const exchange = swapItems('exchange_delivered_order_items', delivered, [first.item_id], [unavailable.item_id], originalPayment(delivered));
    expect(check(sameProductNewOption, delivered.user_id, [exchange])).toEqual([
      {
        actionIndex: 0,
        message: `exchange_delivered_order_items on order ${delivered.order_id}: new item ${unavailable.item_id} is an option of ${productOf(first.product_id).name} that is not available: pick an available one.`,
      },
    ]);
  });

  it('names lists of different lengths', () => {
    expect(check(sameProductNewOption, pending.user_id, [modify([item.item_id, otherProductItem.item_id], [replacement.item_id])])).toEqual([
      { actionIndex: 0, message: `${label} lists 2 item(s) to replace but 1 new item(s): each item needs exactly one replacement at the same position.` },
    ]);
  });
});
