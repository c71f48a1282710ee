import { describe, expect, it } from 'vitest';
import { pythonFloatRepr, pythonFloatReprBare } from '../../../../domains/retail/tools/python-float-format.ts';

describe('pythonFloatRepr', () => {
  // Values with what CPython 3.11's repr() prints for them.
  const cases: [number, string][] = [
    [0.1, '0.1'],
    [1, '1.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [1e16, '1e+16'],
    [9999999999999998, '9999999999999998.0'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1.5e-7, '1.5e-07'],
    [2.5e300, '2.5e+300'],
    [5e-324, '5e-324'],
    [1e21, '1e+21'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ];

  it.each(cases)('prints %s as %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });

  it('drops the ".0" for the parts of a complex number', () => {
    expect(pythonFloatReprBare(2)).toBe('2');
    expect(pythonFloatReprBare(-0)).toBe('-0');
    expect(pythonFloatReprBare(1e20)).toBe('1e+20');
    expect(pythonFloatReprBare(0.5)).toBe('0.5');
  });
});
