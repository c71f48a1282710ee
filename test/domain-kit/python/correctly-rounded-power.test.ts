import { describe, expect, it } from 'vitest';
import { correctlyRoundedPower } from '../../../src/domain-kit/python/correctly-rounded-power.ts';

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
    [745.34, 62, 1.218918309531826e178],
    [10, -5, 1e-5],
    [3.3, 7, 4261.844297699999],
    [0.1, 3, 0.0010000000000000002],
    [123.456, -3, 5.314512037978083e-7],
    [1.0000001, 1000000, 1.1051709126143208],
    [2.5, 0.5, 1.5811388300841898],
    [100, 1.5, 1000],
    [7, 1 / 3, 1.912931182772389],
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
    expect(correctlyRoundedPower(10, 400.5)).toBe(Infinity);
    expect(correctlyRoundedPower(10, -400.5)).toBe(0);
  });

  it('rounds an exact halfway power to even (glibc may round it the other way: 12.0 ** 34 gives 4.922235242952027e+36)', () => {
    expect(correctlyRoundedPower(12, 34)).toBe(4.9222352429520264e36);
  });

  it('is correctly rounded where glibc is not (about 0.1% of powers: 89.28035586653927 ** -37.0 gives 6.637908035181775e-73 there)', () => {
    expect(correctlyRoundedPower(89.28035586653927, -37)).toBe(6.637908035181774e-73);
  });

  it('refuses a base it is not meant for', () => {
    expect(() => correctlyRoundedPower(-2, 0.5)).toThrow(RangeError);
    expect(() => correctlyRoundedPower(0, 2)).toThrow(RangeError);
  });
});
