import { z } from 'zod';

/** The price of a model in currency units per 1,000,000 tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices (USD per 1M tokens, standard tier) of a few well-known models when this table was
 * written. Prices change: pass `--prices <file>` to correct or extend them. A model not listed costs
 * nothing in the accounting and is reported as "no price".
 */
export const defaultModelPrices: PriceTable = Object.freeze({
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
});

/** A `--prices` file: `{ "<model>": { "input": <per 1M>, "output": <per 1M> }, ... }`. */
export const priceTableSchema = z.record(z.string().min(1), z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative() }));

/** The default table with `overrides` laid over it (an override replaces a model's price, or adds one). */
export function mergePrices(overrides: PriceTable, base: PriceTable = defaultModelPrices): PriceTable {
  return Object.freeze({ ...base, ...overrides });
}

/**
 * The price of a model by its name as the endpoint knows it: an exact entry, else the longest entry that
 * is a prefix of the name followed by `-` (a dated snapshot such as gpt-4o-2024-08-06 costs what gpt-4o
 * costs), after dropping a `provider/` prefix. Undefined when the table has none.
 */
export function priceOf(table: PriceTable, model: string): ModelPrice | undefined {
  const name = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  for (const candidate of [model, name]) if (Object.hasOwn(table, candidate)) return table[candidate];
  let best: string | undefined;
  for (const entry of Object.keys(table)) {
    if (name.startsWith(`${entry}-`) && (best === undefined || entry.length > best.length)) best = entry;
  }
  return best === undefined ? undefined : table[best];
}

/** The cost of a call's tokens at `price` (0 without a price). */
export function costOf(price: ModelPrice | undefined, promptTokens: number, completionTokens: number): number {
  return price ? (promptTokens * price.input + completionTokens * price.output) / 1_000_000 : 0;
}
