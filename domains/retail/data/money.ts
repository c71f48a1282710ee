/** Rounds an amount of dollars to whole cents, as prices and payments are stored. */
export const roundToCents = (amount: number): number => Math.round(amount * 100) / 100;
