/**
 * How many times a failed blueprint may be revised (the paper's limits): 3 for retail, 5 for airline.
 * Round 0 is the first validation, so a blueprint goes through at most 1 + maxRounds rounds.
 */
const maxRoundsByDomain: Readonly<Record<string, number>> = { retail: 3, airline: 5 };

export const FALLBACK_MAX_ROUNDS = 3;

export function defaultMaxRounds(domain: string): number {
  return maxRoundsByDomain[domain] ?? FALLBACK_MAX_ROUNDS;
}
