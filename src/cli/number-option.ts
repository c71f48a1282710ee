import { UsageError } from './cli-io.ts';

/** A flag's whole number within [minimum, maximum], or a UsageError naming the flag and what it got. */
export function wholeNumber(flag: string, text: string, minimum = 1, maximum = 1_000_000): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum || value > maximum) throw new UsageError(`${flag} must be a whole number from ${minimum} to ${maximum}, got "${text}"`);
  return value;
}

/** A flag's integer (a seed may be negative), or a UsageError naming the flag. */
export function integer(flag: string, text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) throw new UsageError(`${flag} must be an integer, got "${text}"`);
  return value;
}
