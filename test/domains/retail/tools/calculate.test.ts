import { describe, expect, it } from 'vitest';
import { fixtureState, runTool } from '../fixture.ts';

/** Each expression with the text tau-bench's calculate (Python 3.11's eval, then round(float(x), 2)) returns for it. */
const values: [string, string][] = [
  ['2 + 2', '4.0'],
  ['(120 - 45.5) / 2', '37.25'],
  ['1/3', '0.33'],
  ['2/3', '0.67'],
  ['10 // 4', '2.0'],
  ['-7 // 2', '-4.0'],
  ['-7.5 // 2', '-4.0'],
  ['7 // -2.0', '-4.0'],
  ['-2 ** 2', '-4.0'],
  ['2 ** -1', '0.5'],
  ['2 ** 0.5', '1.41'],
  ['2 ** 1.5 ** 2', '4.76'],
  ['0.1 + 0.2', '0.3'],
  ['1.005 * 1000', '1005.0'],
  ['2.675', '2.67'],
  ['0.125', '0.12'],
  ['0.375', '0.38'],
  ['-0.001', '-0.0'],
  ['  3*4', '12.0'],
  ['1. + .5', '1.5'],
  ['00.50', '0.5'],
  ['007.5', '7.5'],
  ['10 ** 16', '1e+16'],
  ['10 ** 15 + 0.5', '1000000000000000.5'],
  ['12345678901234567890', '1.2345678901234567e+19'],
  ['10 ** 400 / 10 ** 399', '10.0'],
  ['10 ** -400', '0.0'],
  ['(2 ** 1024 - 2 ** 970 - 1) * 1.0', '1.7976931348623157e+308'],
  ['(10.0 ** 300) * (10.0 ** 300)', 'inf'],
  ['-(10.0 ** 300) * (10.0 ** 300)', '-inf'],
  ['(10.0 ** 300) * (10.0 ** 300) - (10.0 ** 300) * (10.0 ** 300)', 'nan'],
  ['1.0 ** (10 ** 30)', '1.0'],
  ['(-1.0) ** (10 ** 30 + 1)', '1.0'],
  ['0 ** 0', '1.0'],
  ['(-8) ** 3', '-512.0'],
  ['1234.5678 * 100', '123456.78'],
];

const errors: [string, string][] = [
  ['abc', 'Error: invalid characters in expression'],
  ['3 % 2', 'Error: invalid characters in expression'],
  ['2 x 3', 'Error: invalid characters in expression'],
  ['1/0', 'Error: division by zero'],
  ['1.0/0', 'Error: float division by zero'],
  ['1//0', 'Error: integer division or modulo by zero'],
  ['1.5//0', 'Error: float floor division by zero'],
  ['0 ** -1', 'Error: 0.0 cannot be raised to a negative power'],
  ['0.0 ** -2.5', 'Error: 0.0 cannot be raised to a negative power'],
  ['', 'Error: invalid syntax (<string>, line 0)'],
  ['   ', 'Error: invalid syntax (<string>, line 0)'],
  ['2 +', 'Error: invalid syntax (<string>, line 1)'],
  ['(1', "Error: '(' was never closed (<string>, line 1)"],
  ['(1 +', "Error: '(' was never closed (<string>, line 1)"],
  ['1)', "Error: unmatched ')' (<string>, line 1)"],
  ['((1) 2', "Error: '(' was never closed (<string>, line 1)"],
  ['(1 2', "Error: '(' was never closed (<string>, line 1)"],
  ['(1 2)', 'Error: invalid syntax. Perhaps you forgot a comma? (<string>, line 1)'],
  ['(1)(2 3)', 'Error: invalid syntax. Perhaps you forgot a comma? (<string>, line 1)'],
  ['1 2', 'Error: invalid syntax (<string>, line 1)'],
  ['1 . 2', 'Error: invalid syntax (<string>, line 1)'],
  ['1..2', 'Error: invalid syntax (<string>, line 1)'],
  ['....', 'Error: invalid syntax (<string>, line 1)'],
  ['007', 'Error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<string>, line 1)'],
  ['1 2 007', 'Error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<string>, line 1)'],
  ['(1 2) )', "Error: unmatched ')' (<string>, line 1)"],
  ['(*1)', 'Error: cannot use starred expression here (<string>, line 1)'],
  ['(**1)', 'Error: cannot use double starred expression here (<string>, line 1)'],
  ['(*1 2)', 'Error: invalid syntax. Perhaps you forgot a comma? (<string>, line 1)'],
  ['*1', 'Error: invalid syntax (<string>, line 1)'],
  ['()', "Error: float() argument must be a string or a real number, not 'tuple'"],
  ['-()', "Error: bad operand type for unary -: 'tuple'"],
  ['() + 1', 'Error: can only concatenate tuple (not "int") to tuple'],
  ['1 + ()', "Error: unsupported operand type(s) for +: 'int' and 'tuple'"],
  ['() * 2.0', "Error: can't multiply sequence by non-int of type 'float'"],
  ['() * (2 ** 63)', "Error: cannot fit 'int' into an index-sized integer"],
  ['...', "Error: float() argument must be a string or a real number, not 'ellipsis'"],
  ['... + 1', "Error: unsupported operand type(s) for +: 'ellipsis' and 'int'"],
  ['-(...)', "Error: bad operand type for unary -: 'ellipsis'"],
  ['(-8) ** (1/3)', "Error: float() argument must be a string or a real number, not 'complex'"],
  ['(-1) ** 0.5 // 1', "Error: unsupported operand type(s) for //: 'complex' and 'int'"],
  ['1 / ((-1) ** 0.5 - (-1) ** 0.5)', 'Error: complex division by zero'],
  ['(0 * (-1) ** 0.5) ** -1', 'Error: 0.0 to a negative or complex power'],
  ['10.0 ** 400', "Error: (34, 'Numerical result out of range')"],
  ['10 ** 400 * 1.0', 'Error: int too large to convert to float'],
  ['10 ** 400 / 3', 'Error: integer division result too large for a float'],
  ['(2)(3)', "Error: 'int' object is not callable"],
  ['()()', "Error: 'tuple' object is not callable"],
  ['(...)()', "Error: 'ellipsis' object is not callable"],
  ['(1.5)(*2)', 'Error: 1.5 argument after * must be an iterable, not int'],
  ['(2.0)(**())', 'Error: 2.0 argument after ** must be a mapping, not tuple'],
  ['((-1) ** 0.5)(*1)', 'Error: (6.123233995736766e-17+1j) argument after * must be an iterable, not int'],
  ['(10 ** 4300)(*1)', 'Error: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit'],
  ['1'.repeat(4301), 'Error: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits. (<string>, line 1)'],
  [`${'('.repeat(201)}1${')'.repeat(201)}`, 'Error: too many nested parentheses (<string>, line 1)'],
  [`${'-'.repeat(6000)}1`, 'Error: '],
  [`${'-'.repeat(3000)}1`, 'Error: maximum recursion depth exceeded during compilation'],
];

/** Test titles show long expressions shortened. */
const titled = (cases: [string, string][]) =>
  cases.map(([expression, text]) => [expression.length > 40 ? `${expression.slice(0, 12)}… (${expression.length} characters)` : JSON.stringify(expression), expression, text]);

describe('calculate', () => {
  it.each(titled(values))('evaluates %s to %s', (_title, expression, output) => {
    const state = fixtureState();
    const hash = state.hash();
    expect(runTool(state, 'calculate', { expression })).toEqual({ ok: true, content: output, kind: 'read' });
    expect(state.hash()).toBe(hash);
  });

  it.each(titled(errors))('answers %s with the error Python raises', (_title, expression, error) => {
    const state = fixtureState();
    const hash = state.hash();
    expect(runTool(state, 'calculate', { expression })).toEqual({ ok: false, content: error, kind: 'read' });
    expect(state.hash()).toBe(hash);
  });

  it('stands in an OverflowError for an int too large to compute (CPython would grind on, then overflow converting it)', () => {
    expect(runTool(fixtureState(), 'calculate', { expression: '9 ** 9 ** 9' }).content).toBe('Error: int too large to convert to float');
  });
});
