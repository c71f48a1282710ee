import { describe, expect, it } from 'vitest';
import { parsePythonInt } from '../../../src/domain-kit/python/python-int-parse.ts';

describe('parsePythonInt', () => {
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
    expect(parsePythonInt(text)).toEqual(typeof expected === 'number' ? { ok: true, value: expected } : { ok: false, error: expected });
  });
});
