/**
 * Python's `round(value, digits)` for floats: the exact binary value is rounded to `digits` decimals,
 * and only a true tie (the binary value lies exactly half way) goes to the even neighbour. JavaScript's
 * `toFixed` rounds the exact value too but breaks ties upwards, so ties are detected and settled here.
 */
export function pythonRound(value: number, digits = 2): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`digits must be an integer in 0..20, got ${digits}`);
  if (!Number.isFinite(value) || value === 0) return value;
  // Past 2^53 every double is an integer, and Python returns it unchanged.
  if (Math.abs(value) >= 2 ** 53) return value;
  const tie = halfwayNumerator(value, digits);
  if (tie !== undefined) {
    const lower = tie / 2n;
    const even = lower % 2n === 0n ? lower : lower + 1n;
    const rounded = Number(even) / 10 ** digits;
    return value < 0 ? -rounded : rounded;
  }
  return Number(value.toFixed(digits));
}

/**
 * When |value| * 10^digits is exactly an integer plus one half, returns 2 * |value| * 10^digits
 * (an odd integer); otherwise undefined.
 */
function halfwayNumerator(value: number, digits: number): bigint | undefined {
  const { mantissa, exponent } = decompose(Math.abs(value));
  if (exponent >= 0) return undefined;
  const numerator = 2n * mantissa * 10n ** BigInt(digits);
  const denominator = 1n << BigInt(-exponent);
  if (numerator % denominator !== 0n) return undefined;
  const doubled = numerator / denominator;
  return doubled % 2n === 1n ? doubled : undefined;
}

/** A finite positive double as mantissa * 2^exponent with an integer mantissa. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
