import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonFloatReprBare, pythonNumberText } from '../../../src/domain-kit/python/python-float-repr.ts';

describe('pythonFloatRepr', () => {
  // Values with what CPython 3.11's repr() prints for them.
  const cases: [number, string][] = [
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [100, '100.0'],
    [-1.5, '-1.5'],
    [0.1, '0.1'],
    [1234.5678, '1234.5678'],
    [123456789.125, '123456789.125'],
    [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1e21, '1e+21'],
    [1e22, '1e+22'],
    [2.5e300, '2.5e+300'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [1e-4, '0.0001'],
    [0.00012, '0.00012'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [5e-324, '5e-324'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ];
  it.each(cases)('prints %s as %s', (value, text) => expect(pythonFloatRepr(value)).toBe(text));

  it('always reads back as the same double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => Object.is(Number(pythonFloatRepr(value)), value)));
  });
});

describe('pythonFloatReprBare', () => {
  it('drops the ".0", as the parts of a complex number are written', () => {
    expect(pythonFloatReprBare(2)).toBe('2');
    expect(pythonFloatReprBare(-0)).toBe('-0');
    expect(pythonFloatReprBare(1e16)).toBe('1e+16');
    expect(pythonFloatReprBare(1e20)).toBe('1e+20');
    expect(pythonFloatReprBare(0.5)).toBe('0.5');
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
