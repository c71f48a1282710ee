import type { DomainData, GenerateOptions } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { generateOrders } from './generate-orders.ts';
import { generateProducts } from './generate-products.ts';
import { generateUsers } from './generate-users.ts';
import { productCatalogue } from './product-catalogue.ts';
import { RandomSource } from './random-source.ts';

export const DEFAULT_SEED = 20240515;

/** Record counts at scale 1: about the size of tau-bench's retail database. */
export const retailBaseCounts = { users: 500, orders: 1000, products: 50 } as const;

/**
 * Our own retail database, drawn from `seed`: the same seed and scale give byte-identical data.
 * `scale` multiplies the record counts (products are capped at the catalogue's size, currently
 * 64 types). Collections come in state order: orders, products, users.
 */
export function generateRetailData(options: GenerateOptions): DomainData<RetailRecords> {
  const { seed, scale = 1 } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const counted = (base: number) => Math.max(1, Math.round(base * scale));
  const random = new RandomSource(seed);
  const products = generateProducts(random, Math.min(counted(retailBaseCounts.products), productCatalogue.length), new Set());
  const users = generateUsers(random, counted(retailBaseCounts.users));
  const orders = generateOrders(random, counted(retailBaseCounts.orders), users, products);
  return { orders, products, users };
}
