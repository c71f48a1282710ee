import { ratioToDouble } from './correctly-rounded-ratio.ts';
import { bitLength, decomposeDouble } from './double-bits.ts';

/**
 * base ** exponent rounded once to the nearest double, for a finite positive base and a finite
 * exponent. JavaScript's Math.pow may be an ulp off ("2 ** 1.5" gives 2.82842712474619, C gives
 * 2.8284271247461903), so the power is computed in 320-bit fixed point instead: exactly for whole
 * exponents, through exp(exponent * ln(base)) otherwise. Returns Infinity on overflow, 0 on underflow.
 * glibc's pow, which CPython calls, promises 0.52 ulp rather than correct rounding: in about 0.1% of
 * powers it lands on the other neighbour, and it may round exact halfway powers either way.
 */
export function correctlyRoundedPower(base: number, exponent: number): number {
  if (!(base > 0) || !Number.isFinite(base) || !Number.isFinite(exponent)) throw new RangeError('expects a finite positive base and a finite exponent');
  if (exponent === 0 || base === 1) return 1;
  const estimate = exponent * Math.log2(base);
  if (estimate > 1030) return Infinity;
  if (estimate < -1090) return 0;
  if (Number.isInteger(exponent) && Math.abs(exponent) <= 4096) return exactWholePower(base, exponent);
  return powerThroughLogarithm(base, exponent);
}

const precision = 320n;
const one = 1n << precision;

function exactWholePower(base: number, exponent: number): number {
  let { mantissa, exponent: binaryExponent } = decomposeDouble(base);
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    binaryExponent += 1;
  }
  const count = BigInt(Math.abs(exponent));
  let numerator = exponent > 0 ? mantissa ** count : 1n;
  let denominator = exponent > 0 ? 1n : mantissa ** count;
  const shift = binaryExponent * exponent;
  if (shift >= 0) numerator <<= BigInt(shift);
  else denominator <<= BigInt(-shift);
  return ratioToDouble(numerator, denominator);
}

/** 2 * atanh(z) for a fixed-point z with |z| < 1/2: the natural logarithm of (1 + z) / (1 - z). */
function doubleAtanh(z: bigint): bigint {
  const zSquared = (z * z) >> precision;
  let power = z;
  let sum = 0n;
  for (let odd = 1n; power !== 0n; odd += 2n) {
    sum += power / odd;
    power = (power * zSquared) / one;
  }
  return 2n * sum;
}

let cachedLn2: bigint | undefined;
/** ln 2 = 2 * atanh(1/3), in fixed point. */
const ln2 = () => (cachedLn2 ??= doubleAtanh(one / 3n));

/** ln(value) in fixed point, for a finite positive double. */
function naturalLogarithm(value: number): bigint {
  const { mantissa, exponent: binaryExponent } = decomposeDouble(value);
  // value = m * 2^e with m in [1/sqrt 2, sqrt 2): m = mantissa / 2^k.
  const bits = bitLength(mantissa);
  let scaled = mantissa << (precision - BigInt(bits - 1));
  let exponent = binaryExponent + bits - 1;
  if (scaled * scaled > 2n * one * one) {
    scaled >>= 1n;
    exponent += 1;
  }
  const z = ((scaled - one) << precision) / (scaled + one);
  return doubleAtanh(z) + BigInt(exponent) * ln2();
}

function floorDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}

/** exp(t) for a fixed-point t, as a fixed-point mantissa and a power of two. */
function exponential(t: bigint): { mantissa: bigint; binaryExponent: number } {
  const log2 = ln2();
  const k = floorDivide(t + log2 / 2n, log2);
  const halvings = 16n;
  const reduced = (t - k * log2) >> halvings;
  let sum = one;
  let term = one;
  for (let index = 1n; term !== 0n; index++) {
    term = (term * reduced) / (index << precision);
    sum += term;
  }
  for (let index = 0n; index < halvings; index++) sum = (sum * sum) >> precision;
  return { mantissa: sum, binaryExponent: Number(k) };
}

function powerThroughLogarithm(base: number, exponent: number): number {
  const { mantissa, exponent: binaryExponent } = decomposeDouble(Math.abs(exponent));
  const product = naturalLogarithm(base) * mantissa * (exponent < 0 ? -1n : 1n);
  const t = binaryExponent >= 0 ? product << BigInt(binaryExponent) : product >> BigInt(-binaryExponent);
  const result = exponential(t);
  const shift = BigInt(result.binaryExponent) - precision;
  return shift >= 0n ? ratioToDouble(result.mantissa << shift, 1n) : ratioToDouble(result.mantissa, 1n << -shift);
}
