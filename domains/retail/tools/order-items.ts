import { keyErrorText, type DeepReadonly, type DomainState } from '../../../src/domain-kit/index.ts';
import type { OrderItem, RetailRecords } from '../schema.ts';

type ReadonlyItems = readonly DeepReadonly<OrderItem>[];

const countOf = (ids: readonly string[], id: string) => ids.filter((candidate) => candidate === id).length;

/**
 * The first requested item id that the request names more often than the order holds it (requests
 * may repeat an id as often as the order has that item), or undefined when every id is covered.
 */
export function firstUncoveredItem(items: ReadonlyItems, itemIds: readonly string[]): string | undefined {
  const held = items.map((item) => item.item_id);
  return itemIds.find((itemId) => countOf(itemIds, itemId) > countOf(held, itemId));
}

/** The first item of the order with this item id (tau-bench always takes the first match). */
export const firstItemWithId = <T extends { item_id: string }>(items: readonly T[], itemId: string): T | undefined =>
  items.find((item) => item.item_id === itemId);

export type PriceDifference = { ok: true; difference: number } | { ok: false; error: string };

/**
 * Sums new price minus old price over the pairs, in order, with the same float additions as
 * tau-bench (starting from 0). Each new item must be an available variant of the product of the
 * first order item carrying the old id. Ids must already be known to be in the order.
 */
export function priceDifference(
  state: DomainState<RetailRecords>,
  items: ReadonlyItems,
  itemIds: readonly string[],
  newItemIds: readonly string[],
): PriceDifference {
  let difference = 0;
  for (let index = 0; index < itemIds.length; index++) {
    const item = firstItemWithId(items, itemIds[index] as string) as DeepReadonly<OrderItem>;
    const newItemId = newItemIds[index] as string;
    const product = state.get('products', item.product_id);
    if (!product) return { ok: false, error: keyErrorText(item.product_id) };
    const variant = Object.hasOwn(product.variants, newItemId) ? product.variants[newItemId] : undefined;
    if (!variant?.available) return { ok: false, error: `Error: new item ${newItemId} not found or available` };
    difference += variant.price - item.price;
  }
  return { ok: true, difference };
}
