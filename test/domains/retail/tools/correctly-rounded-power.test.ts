import { describe, expect, it } from 'vitest';
import { correctlyRoundedPower } from '../../../../domains/retail/tools/correctly-rounded-power.ts';

describe('correctlyRoundedPower', () => {
  // [base, exponent, what CPython 3.11 on glibc returns for base ** exponent]
  const cases: [number, number, number][] = [
    [2, 1.5, 2.8284271247461903],
    [0.5, -0.5, 1.4142135623730951],
    [1.05, 10, 1.628894626777442],
    [1.1, 0.5, 1.0488088481701516],
    [0.5, -100.5, 1.7927286711931566e30],
    [2, -1074, 5e-324],
    [3, -700, 0],
    [10, 2, 100],
    [4, 0.5, 2],
  ];

  it.each(cases)('%s ** %s is %s', (base, exponent, expected) => {
    expect(correctlyRoundedPower(base, exponent)).toBe(expected);
  });

  it('is right where the JavaScript engine is an ulp off', () => {
    expect(Math.pow(2, 1.5)).not.toBe(2.8284271247461903);
    expect(correctlyRoundedPower(2, 1.5)).toBe(2.8284271247461903);
  });

  it('overflows to Infinity and underflows to 0', () => {
    expect(correctlyRoundedPower(10, 400)).toBe(Infinity);
    expect(correctlyRoundedPower(10, -400)).toBe(0);
    expect(correctlyRoundedPower(2, 1024)).toBe(Infinity);
    expect(correctlyRoundedPower(2, 1023)).toBe(2 ** 1023);
  });

  it('rounds an exact halfway power to even (glibc may round it the other way: 12.0 ** 34 gives 4.922235242952027e+36)', () => {
    expect(correctlyRoundedPower(12, 34)).toBe(4.9222352429520264e36);
  });

  it('refuses a base it is not meant for', () => {
    expect(() => correctlyRoundedPower(-2, 0.5)).toThrow(RangeError);
    expect(() => correctlyRoundedPower(0, 2)).toThrow(RangeError);
  });
});
