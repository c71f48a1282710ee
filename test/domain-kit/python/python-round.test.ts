import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decomposeDouble } from '../../../src/domain-kit/python/double-bits.ts';
import { pythonRound } from '../../../src/domain-kit/python/python-round.ts';

/** round(x, digits) worked out exactly: x = mantissa * 2^exponent, x * 10^digits rounded half to even. */
function exactRound(value: number, digits: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const { mantissa, exponent } = decomposeDouble(Math.abs(value));
  const scale = 10n ** BigInt(digits);
  const [numerator, denominator] = exponent >= 0 ? [scale * mantissa * 2n ** BigInt(exponent), 1n] : [scale * mantissa, 2n ** BigInt(-exponent)];
  let units = numerator / denominator;
  const twiceRest = 2n * (numerator % denominator);
  if (twiceRest > denominator || (twiceRest === denominator && units % 2n === 1n)) units += 1n;
  const rounded = Number(`${units}e-${digits}`);
  return value < 0 ? -rounded : rounded;
}

describe('pythonRound', () => {
  // [value, round(value, 2), round(value, 0)] as CPython 3.11 computes them.
  const cases: [number, number, number][] = [
    [2.675, 2.67, 3],
    [0.125, 0.12, 0],
    [0.375, 0.38, 0],
    [0.625, 0.62, 1],
    [0.875, 0.88, 1],
    [1.125, 1.12, 1],
    [-0.125, -0.12, -0],
    [1.005, 1, 1],
    [-2.675, -2.67, -3],
    [0.005, 0.01, 0],
    [0.015, 0.01, 0],
    [0.025, 0.03, 0],
    [0.285, 0.28, 0],
    [1.455, 1.46, 1],
    [1 / 3, 0.33, 0],
    [-2.5, -2.5, -2],
    [123456789.125, 123456789.12, 123456789],
    [1.0000000000000002e16, 1.0000000000000002e16, 1.0000000000000002e16],
    [2 ** 52 + 0.5, 2 ** 52 + 0.5, 2 ** 52],
    [123456.785, 123456.79, 123457],
    [1000000000000000.875, 1000000000000000.875, 1000000000000001],
    [-0.001, -0, -0],
    [5e-324, 0, 0],
    [1e300, 1e300, 1e300],
    [1.7976931348623157e308, 1.7976931348623157e308, 1.7976931348623157e308],
  ];

  it.each(cases)('rounds %s as Python does', (value, toCents, toUnits) => {
    expect(pythonRound(value, 2)).toBe(toCents);
    expect(pythonRound(value, 0)).toBe(toUnits);
  });

  it('sends exact ties to the even neighbour, which toFixed does not', () => {
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(pythonRound(0.125, 2)).toBe(0.12);
    expect(pythonRound(0.625, 2)).toBe(0.62);
    expect(pythonRound(2.5, 0)).toBe(2);
    expect(pythonRound(3.5, 0)).toBe(4);
  });

  it('reads a settled tie back as the nearest double, even where the scaled integer is no exact double', () => {
    // 59416742061352.390625 lies exactly half way between ...39062 and ...39063 at 5 decimals.
    expect(pythonRound(59416742061352.39, 5)).toBe(59416742061352.39);
    expect(pythonRound(61874824044879.67, 5)).toBe(61874824044879.67);
  });

  it('keeps the sum tau-bench rounds a balance to', () => {
    expect(pythonRound(60.5 + 368.01, 2)).toBe(428.51);
    expect(pythonRound(60.5 - (48.02 - 47.84), 2)).toBe(60.32);
  });

  it('returns infinities, NaN and zeros unchanged', () => {
    expect(pythonRound(Infinity, 2)).toBe(Infinity);
    expect(pythonRound(-Infinity, 2)).toBe(-Infinity);
    expect(pythonRound(NaN, 2)).toBeNaN();
    expect(pythonRound(-0, 2)).toBe(-0);
  });

  it('equals exact half-to-even rounding of the binary value', () => {
    const eighths = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((count) => count / 8);
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), eighths);
    fc.assert(fc.property(value, fc.integer({ min: 0, max: 6 }), (x, digits) => Object.is(pythonRound(x, digits), exactRound(x, digits))));
  });

  it('refuses a digit count it cannot honour', () => {
    expect(() => pythonRound(1, 21)).toThrow(RangeError);
    expect(() => pythonRound(1, 1.5)).toThrow(RangeError);
  });
});
