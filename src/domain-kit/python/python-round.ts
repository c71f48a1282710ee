import { decomposeDouble } from './double-bits.ts';

/**
 * Python's `round(value, digits)` for floats: the exact binary value is rounded to `digits` decimals,
 * and only a true tie (the binary value lies exactly half way) goes to the even neighbour; the decimal
 * result is then read back as the nearest double. JavaScript's `toFixed` rounds the exact value too
 * but breaks ties away from zero, so ties are detected and settled here.
 */
export function pythonRound(value: number, digits = 2): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`digits must be an integer in 0..20, got ${digits}`);
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  // Past 2^53 every double is an integer, and Python returns it unchanged.
  if (magnitude >= 2 ** 53) return value;
  const tie = doubledHalfway(magnitude, digits);
  let rounded: number;
  if (tie === undefined) {
    rounded = Number(magnitude.toFixed(digits));
  } else {
    const below = tie / 2n;
    rounded = Number(`${below % 2n === 0n ? below : below + 1n}e-${digits}`);
  }
  return value < 0 ? -rounded : rounded;
}

/**
 * When magnitude * 10^digits is exactly an integer plus one half, returns twice that product (an odd
 * integer); otherwise undefined.
 */
function doubledHalfway(magnitude: number, digits: number): bigint | undefined {
  const { mantissa, exponent } = decomposeDouble(magnitude);
  if (exponent >= 0) return undefined;
  const numerator = 2n * mantissa * 10n ** BigInt(digits);
  const denominator = 1n << BigInt(-exponent);
  if (numerator % denominator !== 0n) return undefined;
  const doubled = numerator / denominator;
  return doubled % 2n === 1n ? doubled : undefined;
}
