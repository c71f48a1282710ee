/**
 * Doubles rounded once from exact (or 256-bit) values, as CPython's integer division and the C
 * library's pow() give them. JavaScript's own `Math.pow` can be an ulp off, which shows in large
 * results.
 */

export const bitLength = (value: bigint) => (value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length);

/** 2^exponent for -1022 <= exponent <= 1023, built from its bits so it is exact. */
function powerOfTwo(exponent: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(exponent + 1023) << 52n);
  return view.getFloat64(0);
}

/** value * 2^exponent, exact whenever the result is representable (Infinity past the largest double). */
function scaleByPowerOfTwo(value: number, exponent: number): number {
  if (exponent > 1023) return value * powerOfTwo(1023) * powerOfTwo(Math.min(exponent - 1023, 1023));
  if (exponent < -1022) return value * powerOfTwo(-1000) * powerOfTwo(Math.max(exponent + 1000, -1022));
  return value * powerOfTwo(exponent);
}

/** A finite positive double as mantissa * 2^exponent with an integer mantissa. */
export function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/**
 * numerator / denominator (both positive) rounded to the nearest double, ties to even, subnormals
 * included; Infinity when it rounds past the largest double.
 */
export function positiveRatioToDouble(numerator: bigint, denominator: bigint): number {
  const limit = 2n ** 53n;
  if (numerator <= limit && denominator <= limit) return Number(numerator) / Number(denominator);
  const shift = 55 - (bitLength(numerator) - bitLength(denominator));
  const scaledNumerator = shift > 0 ? numerator << BigInt(shift) : numerator;
  const scaledDenominator = shift < 0 ? denominator << BigInt(-shift) : denominator;
  const quotient = scaledNumerator / scaledDenominator;
  const inexact = scaledNumerator % scaledDenominator !== 0n;
  const quotientBits = bitLength(quotient);
  const exponent = quotientBits - 1 - shift;
  if (exponent > 1023) return Infinity;
  const precision = exponent >= -1022 ? 53 : exponent + 1075;
  if (precision < 0) return 0;
  const dropped = quotientBits - precision;
  let kept = quotient >> BigInt(dropped);
  const rest = quotient - (kept << BigInt(dropped));
  const half = 1n << BigInt(dropped - 1);
  if (rest > half || (rest === half && (inexact || (kept & 1n) === 1n))) kept += 1n;
  return scaleByPowerOfTwo(Number(kept), dropped - shift);
}

/** mantissa * 2^exponent rounded to a double. */
const scaledToDouble = (mantissa: bigint, exponent: number) =>
  exponent >= 0 ? positiveRatioToDouble(mantissa << BigInt(exponent), 1n) : positiveRatioToDouble(mantissa, 1n << BigInt(-exponent));

/** Bits after the binary point of the fixed-point numbers below. */
const precision = 256;
const one = 1n << BigInt(precision);

/** atanh(numerator / denominator) in fixed point, for a ratio well inside (-1, 1). */
function fixedAtanh(numerator: bigint, denominator: bigint): bigint {
  let sum = 0n;
  let power = (numerator << BigInt(precision)) / denominator;
  const square = (numerator * numerator << BigInt(precision)) / (denominator * denominator);
  for (let odd = 1n; power !== 0n; odd += 2n) {
    sum += power / odd;
    power = (power * square) >> BigInt(precision);
  }
  return sum;
}

const ln2 = 2n * fixedAtanh(1n, 3n);

/** ln(value) in fixed point, for a positive finite double. */
function fixedLog(value: number): bigint {
  const { mantissa, exponent } = decompose(value);
  const bits = bitLength(mantissa);
  // value = (mantissa / 2^(bits-1)) * 2^(exponent + bits - 1), with the first factor in [1, 2).
  const top = 1n << BigInt(bits - 1);
  return 2n * fixedAtanh(mantissa - top, mantissa + top) + BigInt(exponent + bits - 1) * ln2;
}

/** exp(value) for a fixed-point value, as mantissa * 2^exponent. */
function fixedExp(value: bigint): { mantissa: bigint; exponent: number } {
  const twos = value / ln2;
  const reduced = value - twos * ln2;
  let sum = 0n;
  let term = one;
  for (let index = 1n; term !== 0n; index++) {
    sum += term;
    term = (term * reduced) / one / index;
  }
  return { mantissa: sum, exponent: Number(twos) - precision };
}

/**
 * base^exponent for a positive finite base and a finite exponent, correctly rounded: exactly when
 * the exponent is a small enough integer, otherwise from a 256-bit exp(exponent * ln(base)).
 * Returns Infinity on overflow and 0 on underflow.
 */
export function correctlyRoundedPower(base: number, exponent: number): number {
  if (exponent === 0 || base === 1) return 1;
  const { mantissa, exponent: binaryExponent } = decompose(base);
  const count = Math.abs(exponent);
  if (Number.isInteger(exponent) && bitLength(mantissa) * count <= 200_000) {
    const power = mantissa ** BigInt(count);
    const twos = binaryExponent * count;
    if (exponent > 0) return scaledToDouble(power, twos);
    return twos <= 0 ? positiveRatioToDouble(1n << BigInt(-twos), power) : positiveRatioToDouble(1n, power << BigInt(twos));
  }
  const logarithm = fixedLog(base);
  const { mantissa: exponentMantissa, exponent: exponentTwos } = decompose(count);
  let product = logarithm * exponentMantissa;
  product = exponentTwos >= 0 ? product << BigInt(exponentTwos) : product >> BigInt(-exponentTwos);
  if (exponent < 0) product = -product;
  if (product > 710n * one) return Infinity;
  if (product < -746n * one) return 0;
  const { mantissa: resultMantissa, exponent: resultTwos } = fixedExp(product);
  return scaledToDouble(resultMantissa, resultTwos);
}
