import { describe, expect, it } from 'vitest';
import { PythonException } from '../../../../domains/retail/tools/python-exception.ts';
import { intToFloat, pythonComplex, pythonStr, ratioToDouble } from '../../../../domains/retail/tools/python-values.ts';

describe('python values', () => {
  it('divides big ints with a single rounding, as CPython does', () => {
    expect(ratioToDouble(1n, 3n)).toBe(0.3333333333333333);
    expect(ratioToDouble(10n ** 20n, 3n)).toBe(3.333333333333333e19);
    expect(ratioToDouble(-(2n ** 60n), 7n)).toBe(-1.647030720866924e17);
    expect(ratioToDouble(10n ** 400n, 10n ** 399n)).toBe(10);
    expect(ratioToDouble(1n, 3n * 2n ** 1074n)).toBe(0);
    expect(ratioToDouble(2n, 3n * 2n ** 1074n)).toBe(5e-324);
    expect(ratioToDouble(2n ** 1024n, 1n)).toBe(Infinity);
    expect(ratioToDouble(2n ** 53n + 1n, 1n)).toBe(9007199254740992);
    expect(ratioToDouble(2n ** 53n + 3n, 1n)).toBe(9007199254740996);
  });

  it('converts ints to floats half to even, and overflows with the message CPython gives', () => {
    expect(intToFloat(2n ** 1024n - 2n ** 970n - 1n)).toBe(1.7976931348623157e308);
    expect(() => intToFloat(2n ** 1024n - 2n ** 970n)).toThrow(new PythonException('OverflowError', 'int too large to convert to float'));
  });

  it('writes values as str() does', () => {
    expect(pythonStr(pythonComplex(6.123233995736766e-17, 1))).toBe('(6.123233995736766e-17+1j)');
    expect(pythonStr(pythonComplex(0, 1))).toBe('1j');
    expect(pythonStr(pythonComplex(-0, 2))).toBe('(-0+2j)');
    expect(pythonStr(pythonComplex(1.5, -0))).toBe('(1.5-0j)');
    expect(pythonStr(pythonComplex(2, 1e20))).toBe('(2+1e+20j)');
    expect(pythonStr({ kind: 'float', value: 2 })).toBe('2.0');
    expect(pythonStr({ kind: 'ellipsis' })).toBe('Ellipsis');
    expect(pythonStr({ kind: 'int', value: -(10n ** 20n) })).toBe('-100000000000000000000');
  });
});
