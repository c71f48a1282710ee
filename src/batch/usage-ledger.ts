import { z } from 'zod';
import type { TokenUsage } from '../models/index.ts';
import { costOf, priceOf, type PriceTable } from './model-prices.ts';

/** The roles a batch pays for: the rollout roles and the validation roles. */
export const accountedRoles = ['agent', 'human', 'judge', 'reviewers', 'feedback', 'generator'] as const;
export type AccountedRole = (typeof accountedRoles)[number];

const count = z.number().int().nonnegative();

/** What one model spent in one role. `calls` were paid for; `cachedCalls` were answered from the cache for free. */
export const ledgerLineSchema = z.object({
  role: z.enum(accountedRoles),
  /** The model's id (model@endpoint). */
  model: z.string(),
  /** The model's name for the price table. */
  priceName: z.string(),
  calls: count,
  cachedCalls: count,
  promptTokens: count,
  completionTokens: count,
  /** In the price table's currency; 0 when the model has no price. */
  cost: z.number().nonnegative(),
  priced: z.boolean(),
});
export type LedgerLine = z.infer<typeof ledgerLineSchema>;

/**
 * Tokens and cost per role and model, as the calls happen (the metering decorator writes here). A
 * resumed run starts from the lines its earlier sessions stored, so `--max-cost` counts them too.
 */
export class UsageLedger {
  readonly #lines = new Map<string, LedgerLine>();
  #cost = 0;
  #tokens = 0;

  constructor(
    readonly prices: PriceTable,
    previous: readonly LedgerLine[] = [],
  ) {
    for (const line of previous) {
      const copy = { ...line };
      this.#lines.set(`${line.role}\n${line.model}`, copy);
      this.#cost += copy.cost;
      this.#tokens += copy.promptTokens + copy.completionTokens;
    }
  }

  /** Everything spent so far. */
  get cost(): number {
    return this.#cost;
  }

  get tokens(): number {
    return this.#tokens;
  }

  /** A call that was paid for: its tokens and their price. */
  recordCall(role: AccountedRole, model: string, priceName: string, usage: TokenUsage | undefined): void {
    const line = this.#line(role, model, priceName);
    const prompt = usage?.promptTokens ?? 0;
    const completion = usage?.completionTokens ?? 0;
    const cost = costOf(priceOf(this.prices, priceName), prompt, completion);
    line.calls += 1;
    line.promptTokens += prompt;
    line.completionTokens += completion;
    line.cost += cost;
    this.#cost += cost;
    this.#tokens += prompt + completion;
  }

  /** A call answered from the response cache: nothing paid. */
  recordCacheHit(role: AccountedRole, model: string, priceName: string): void {
    this.#line(role, model, priceName).cachedCalls += 1;
  }

  /** What was spent elsewhere (a queue worker's job): added line by line, priced as it was there. */
  add(lines: readonly LedgerLine[]): void {
    for (const spent of lines) {
      const line = this.#line(spent.role, spent.model, spent.priceName);
      line.calls += spent.calls;
      line.cachedCalls += spent.cachedCalls;
      line.promptTokens += spent.promptTokens;
      line.completionTokens += spent.completionTokens;
      line.cost += spent.cost;
      this.#cost += spent.cost;
      this.#tokens += spent.promptTokens + spent.completionTokens;
    }
  }

  lines(): LedgerLine[] {
    return [...this.#lines.values()].map((line) => ({ ...line }));
  }

  #line(role: AccountedRole, model: string, priceName: string): LedgerLine {
    const key = `${role}\n${model}`;
    let line = this.#lines.get(key);
    if (!line) {
      line = { role, model, priceName, calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, cost: 0, priced: priceOf(this.prices, priceName) !== undefined };
      this.#lines.set(key, line);
    }
    return line;
  }
}
