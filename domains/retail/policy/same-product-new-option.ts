import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, isOneOf, itemSwapTools, orderBefore, orderItem, textListArgument, type RuleFinding } from './trace-reading.ts';

/** A modified or exchanged item becomes another available option of the same product, never another product. */
export const sameProductNewOption = definePolicyRule<RetailRecords>({
  name: 'same-product-new-option',
  description:
    'Each modified or exchanged item becomes an available item of the same product with different options; the product type never changes (no shirt for shoes).',
  appliesTo: itemSwapTools,
  check(trace) {
    const findings: RuleFinding[] = [];
    for (const step of trace.steps) {
      if (!isOneOf(itemSwapTools, step)) continue;
      const order = orderBefore(step);
      const itemIds = textListArgument(step, 'item_ids');
      const newItemIds = textListArgument(step, 'new_item_ids');
      if (!order || !itemIds || !newItemIds) continue;
      const label = describeStep(step);
      if (itemIds.length !== newItemIds.length) {
        findings.push({
          actionIndex: step.index,
          message: `${label} lists ${itemIds.length} item(s) to replace but ${newItemIds.length} new item(s): each item needs exactly one replacement at the same position.`,
        });
        continue;
      }
      itemIds.forEach((itemId, position) => {
        const newItemId = newItemIds[position] as string;
        const item = orderItem(order, itemId);
        const product = item && step.before.get('products', item.product_id);
        if (!item || !product) return;
        const variant = Object.hasOwn(product.variants, newItemId) ? product.variants[newItemId] : undefined;
        let problem: string | undefined;
        if (!variant) problem = `is not an item of ${product.name} (product ${product.product_id}), the product of item ${itemId}: an item can only become another option of the same product`;
        else if (!variant.available) problem = `is an option of ${product.name} that is not available: pick an available one`;
        if (problem) findings.push({ actionIndex: step.index, message: `${label}: new item ${newItemId} ${problem}.` });
      });
    }
    return findings;
  },
});
