import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonNumberText, pythonRoundToCents } from '../../../../domains/airline/tools/python-float.ts';

/** round(x, 2) worked out exactly: x = mantissa * 2^exponent, 100x rounded half to even. */
function exactRoundToCents(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const mantissa = biased === 0 ? bits & ((1n << 52n) - 1n) : (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  const [numerator, denominator] = exponent >= 0 ? [100n * mantissa * 2n ** BigInt(exponent), 1n] : [100n * mantissa, 2n ** BigInt(-exponent)];
  let cents = numerator / denominator;
  const twiceRest = 2n * (numerator % denominator);
  if (twiceRest > denominator || (twiceRest === denominator && cents % 2n === 1n)) cents += 1n;
  const rounded = Number(`${cents}e-2`);
  return value < 0 ? -rounded : rounded;
}

describe('pythonFloatRepr', () => {
  // repr() of each value as CPython 3.11 prints it.
  const cases: [number, string][] = [
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [-1.5, '-1.5'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1.5e16, '1.5e+16'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [0.00012, '0.00012'],
    [123456789.125, '123456789.125'],
    [1e22, '1e+22'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [100, '100.0'],
    [1234.5678, '1234.5678'],
  ];
  it.each(cases)('%s -> %s', (value, text) => expect(pythonFloatRepr(value)).toBe(text));

  it('drops ".0" when asked, as inside repr(complex)', () => {
    expect(pythonFloatRepr(1, false)).toBe('1');
    expect(pythonFloatRepr(-0, false)).toBe('-0');
    expect(pythonFloatRepr(1e16, false)).toBe('1e+16');
  });

  it('always reads back as the same double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => Object.is(Number(pythonFloatRepr(value)), value)));
  });
});

describe('pythonRoundToCents', () => {
  // round(x, 2) as CPython 3.11 gives it: exact ties go to even, near-ties follow the binary value.
  const cases: [number, number][] = [
    [0.125, 0.12],
    [0.375, 0.38],
    [0.625, 0.62],
    [0.875, 0.88],
    [1.125, 1.12],
    [2.675, 2.67],
    [1.005, 1],
    [0.005, 0.01],
    [0.015, 0.01],
    [-0.125, -0.12],
    [-0.001, -0],
    [123456789.125, 123456789.12],
    [1e300, 1e300],
    [-2.5, -2.5],
    [0.285, 0.28],
    [1.455, 1.46],
    [1 / 3, 0.33],
    [2 ** 52 + 0.5, 2 ** 52 + 0.5],
  ];
  it.each(cases)('%s -> %s', (value, rounded) => expect(Object.is(pythonRoundToCents(value), rounded)).toBe(true));

  it('keeps the sign of zero, infinities and NaN', () => {
    expect(Object.is(pythonRoundToCents(-0), -0)).toBe(true);
    expect(pythonRoundToCents(-Infinity)).toBe(-Infinity);
    expect(pythonRoundToCents(NaN)).toBeNaN();
  });

  it('equals exact half-to-even rounding of the binary value', () => {
    const eighths = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((count) => count / 8);
    fc.assert(fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), eighths), (value) => Object.is(pythonRoundToCents(value), exactRoundToCents(value))));
  });
});

describe('pythonNumberText', () => {
  it('prints integral values as Python ints unless told the value is a float', () => {
    expect(pythonNumberText(150)).toBe('150');
    expect(pythonNumberText(1e21)).toBe('1000000000000000000000');
    expect(pythonNumberText(75.5)).toBe('75.5');
    expect(pythonNumberText(150, true)).toBe('150.0');
  });
});
