import { describe, expect, it } from 'vitest';
import { pythonRound } from '../../../../domains/retail/tools/python-round.ts';

describe('pythonRound', () => {
  // [value, round(value, 2), round(value, 0)] as CPython 3.11 computes them.
  const cases: [number, number, number][] = [
    [2.675, 2.67, 3],
    [0.125, 0.12, 0],
    [0.375, 0.38, 0],
    [-0.125, -0.12, -0],
    [1.005, 1, 1],
    [-2.675, -2.67, -3],
    [0.005, 0.01, 0],
    [0.015, 0.01, 0],
    [0.025, 0.03, 0],
    [1.0000000000000002e16, 1.0000000000000002e16, 1.0000000000000002e16],
    [123456.785, 123456.79, 123457],
    [-0.001, -0, -0],
    [5e-324, 0, 0],
    [1.7976931348623157e308, 1.7976931348623157e308, 1.7976931348623157e308],
  ];

  it.each(cases)('rounds %s as Python does', (value, toCents, toUnits) => {
    expect(Object.is(pythonRound(value, 2), toCents)).toBe(true);
    expect(Object.is(pythonRound(value, 0), toUnits)).toBe(true);
  });

  it('sends exact ties to the even neighbour, which toFixed does not', () => {
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(pythonRound(0.125, 2)).toBe(0.12);
    expect(pythonRound(0.625, 2)).toBe(0.62);
    expect(pythonRound(2.5, 0)).toBe(2);
    expect(pythonRound(3.5, 0)).toBe(4);
  });

  it('keeps the sum tau-bench rounds a balance to', () => {
    expect(pythonRound(60.5 + 368.01, 2)).toBe(428.51);
    expect(pythonRound(60.5 - (48.02 - 47.84), 2)).toBe(60.32);
  });

  it('returns infinities, NaN and zeros unchanged', () => {
    expect(pythonRound(Infinity, 2)).toBe(Infinity);
    expect(pythonRound(-Infinity, 2)).toBe(-Infinity);
    expect(pythonRound(NaN, 2)).toBeNaN();
    expect(Object.is(pythonRound(-0, 2), -0)).toBe(true);
  });

  it('refuses a digit count it cannot honour', () => {
    expect(() => pythonRound(1, 21)).toThrow(RangeError);
    expect(() => pythonRound(1, 1.5)).toThrow(RangeError);
  });
});
