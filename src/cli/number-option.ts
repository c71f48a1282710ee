import { InvalidArgumentError } from 'commander';
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

/** A commander argument parser for a whole number within [minimum, maximum]: a bad value is a usage error (exit 2) naming the flag. */
export function wholeNumberArgument(minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  return (text: string) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < minimum || value > maximum) throw new InvalidArgumentError(`expected a whole number from ${minimum}${maximum === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${maximum}`}`);
    return value;
  };
}
