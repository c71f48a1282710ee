import type { Product, Variant } from '../schema.ts';
import { roundToCents } from './money.ts';
import { productCatalogue, type ProductType } from './product-catalogue.ts';
import type { RandomSource } from './random-source.ts';

const fewestVariants = 5;
const mostVariants = 20;
/** Share of variants still in stock (tau-bench's data has about 64%). */
const availableShare = 0.64;
/** Every product keeps at least this many variants in stock, so exchanges and modifications have targets. */
const fewestAvailable = 3;

/**
 * `count` products (at most one per catalogue type), each with 5 to 20 variants: distinct option
 * combinations priced within about ten percent of the product's base price. Product and item ids are
 * distinct ten-digit strings; `usedIds` collects them.
 */
export function generateProducts(random: RandomSource, count: number, usedIds: Set<string>): Record<string, Product> {
  const products: Record<string, Product> = {};
  for (const type of random.sample(productCatalogue, Math.min(count, productCatalogue.length))) {
    const product = generateProduct(random, type, usedIds);
    products[product.product_id] = product;
  }
  return products;
}

function generateProduct(random: RandomSource, type: ProductType, usedIds: Set<string>): Product {
  const productId = random.uniqueDigits(10, usedIds);
  const combinations = optionCombinations(type.options);
  const variantCount = Math.min(random.integer(fewestVariants, mostVariants), combinations.length);
  const basePrice = random.between(type.basePrice[0], type.basePrice[1]);
  const variants: Variant[] = random.sample(combinations, variantCount).map((options) => ({
    item_id: random.uniqueDigits(10, usedIds),
    options,
    available: random.chance(availableShare),
    price: roundToCents(basePrice * random.between(0.9, 1.1)),
  }));
  for (const variant of variants) {
    if (variants.filter((candidate) => candidate.available).length >= fewestAvailable) break;
    variant.available = true;
  }
  const byItemId: Record<string, Variant> = {};
  for (const variant of variants) byItemId[variant.item_id] = variant;
  return { name: type.name, product_id: productId, variants: byItemId };
}

/** Every combination of one value per option, options kept in the catalogue's order. */
function optionCombinations(options: ProductType['options']): Record<string, string>[] {
  let combinations: Record<string, string>[] = [{}];
  for (const [option, values] of Object.entries(options)) {
    combinations = combinations.flatMap((partial) => values.map((value) => ({ ...partial, [option]: value })));
  }
  return combinations;
}
