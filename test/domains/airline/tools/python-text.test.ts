import { describe, expect, it } from 'vitest';
import { keyErrorText, lastCodePoints, pythonInt, pythonStringRepr } from '../../../../domains/airline/tools/python-text.ts';

describe('pythonStringRepr', () => {
  // repr() of each string as CPython 3.11 prints it.
  const cases: [string, string][] = [
    ['abc', "'abc'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ['tab\there', "'tab\\there'"],
    ['new\nline', "'new\\nline'"],
    ['back\\slash', "'back\\\\slash'"],
    ['\u0000\u007f\u0085\u00a0', "'\\x00\\x7f\\x85\\xa0'"],
    ['é', "'é'"],
    ['\u2028', "'\\u2028'"],
    ['😀', "'😀'"],
    ['\u{e0001}', "'\\U000e0001'"],
  ];
  it.each(cases)('%j -> %s', (text, repr) => expect(pythonStringRepr(text)).toBe(repr));

  it("makes tau-bench's KeyError text", () => expect(keyErrorText('2024-05-16')).toBe("Error: '2024-05-16'"));
});

describe('pythonInt', () => {
  // int(text) as CPython 3.11 answers it.
  const cases: [string, number | string][] = [
    ['16', 16],
    [' 7', 7],
    ['7 ', 7],
    ['+5', 5],
    ['-5', -5],
    ['05', 5],
    ['1_0', 10],
    ['_1', "invalid literal for int() with base 10: '_1'"],
    ['1_', "invalid literal for int() with base 10: '1_'"],
    ['', "invalid literal for int() with base 10: ''"],
    ['th', "invalid literal for int() with base 10: 'th'"],
    ['٣٣', 33],
    ['1 2', "invalid literal for int() with base 10: '1 2'"],
    ['\u20035', 5],
    ['x', "invalid literal for int() with base 10: 'x'"],
  ];
  it.each(cases)('%j -> %j', (text, expected) => {
    expect(pythonInt(text)).toEqual(typeof expected === 'number' ? { ok: true, value: expected } : { ok: false, error: expected });
  });
});

describe('lastCodePoints', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(lastCodePoints('2024-05-16', 2)).toBe('16');
    expect(lastCodePoints('a😀😀', 2)).toBe('😀😀');
    expect(lastCodePoints('7', 2)).toBe('7');
  });
});
