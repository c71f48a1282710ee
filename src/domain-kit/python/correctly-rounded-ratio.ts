import { bitLength } from './double-bits.ts';

/** Operands up to this size are exact doubles, and IEEE division of them is already rounded once. */
const exactOperandLimit = 2n ** 53n;

/**
 * numerator / denominator (denominator > 0) rounded once to the nearest double, ties to even,
 * subnormals included, as CPython's int true division and exact powers are. Returns ±Infinity when
 * the result rounds past the largest double.
 */
export function ratioToDouble(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) return -ratioToDouble(-numerator, denominator);
  if (numerator <= exactOperandLimit && denominator <= exactOperandLimit) return Number(numerator) / Number(denominator);
  // Scale so that the quotient carries at least 55 bits, then keep the remainder as a sticky bit.
  const shift = 55 - (bitLength(numerator) - bitLength(denominator));
  const scaledNumerator = shift > 0 ? numerator << BigInt(shift) : numerator;
  const scaledDenominator = shift < 0 ? denominator << BigInt(-shift) : denominator;
  const quotient = scaledNumerator / scaledDenominator;
  const sticky = scaledNumerator % scaledDenominator !== 0n;
  const quotientBits = bitLength(quotient);
  // value = (quotient + fraction) * 2^-shift, in [2^binaryExponent, 2^(binaryExponent + 1)).
  const binaryExponent = quotientBits - 1 - shift;
  if (binaryExponent > 1023) return Infinity;
  const precision = binaryExponent >= -1022 ? 53 : binaryExponent + 1075;
  if (precision < 0) return 0;
  const dropped = quotientBits - precision;
  let mantissa = quotient >> BigInt(dropped);
  const rest = quotient - (mantissa << BigInt(dropped));
  const half = 1n << BigInt(dropped - 1);
  if (rest > half || (rest === half && (sticky || (mantissa & 1n) === 1n))) mantissa += 1n;
  return scaleByPowerOfTwo(Number(mantissa), dropped - shift);
}

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
