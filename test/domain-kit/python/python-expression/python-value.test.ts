import { describe, expect, it } from 'vitest';
import { PythonException } from '../../../../src/domain-kit/python/python-expression/python-exception.ts';
import { intToFloat, pythonComplex, pythonFloatOf, pythonStr } from '../../../../src/domain-kit/python/python-expression/python-value.ts';

describe('python values', () => {
  it('converts ints to floats half to even, and overflows with the message CPython gives', () => {
    expect(intToFloat(2n ** 1024n - 2n ** 970n - 1n)).toBe(1.7976931348623157e308);
    expect(intToFloat(2n ** 53n + 1n)).toBe(9007199254740992);
    expect(() => intToFloat(2n ** 1024n - 2n ** 970n)).toThrow(new PythonException('OverflowError', 'int too large to convert to float'));
  });

  it('writes values as str() does', () => {
    expect(pythonStr(pythonComplex(6.123233995736766e-17, 1))).toBe('(6.123233995736766e-17+1j)');
    expect(pythonStr(pythonComplex(0, 1))).toBe('1j');
    expect(pythonStr(pythonComplex(-0, 2))).toBe('(-0+2j)');
    expect(pythonStr(pythonComplex(1.5, -0))).toBe('(1.5-0j)');
    expect(pythonStr(pythonComplex(2, 1e20))).toBe('(2+1e+20j)');
    expect(pythonStr({ kind: 'float', value: 2 })).toBe('2.0');
    expect(pythonStr({ kind: 'tuple' })).toBe('()');
    expect(pythonStr({ kind: 'ellipsis' })).toBe('Ellipsis');
    expect(pythonStr({ kind: 'int', value: -(10n ** 20n) })).toBe('-100000000000000000000');
  });

  it('refuses to write an int of more than 4300 digits, as CPython 3.11 does', () => {
    expect(pythonStr({ kind: 'int', value: -(10n ** 4299n) })).toHaveLength(4301);
    expect(() => pythonStr({ kind: 'int', value: 10n ** 4300n })).toThrow(PythonException);
  });

  it('takes float() of ints and floats only', () => {
    expect(pythonFloatOf({ kind: 'int', value: 3n })).toBe(3);
    expect(() => pythonFloatOf({ kind: 'ellipsis' })).toThrow("float() argument must be a string or a real number, not 'ellipsis'");
  });
});
