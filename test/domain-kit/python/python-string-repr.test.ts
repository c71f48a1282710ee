import { describe, expect, it } from 'vitest';
import { pythonStringRepr } from '../../../src/domain-kit/python/python-string-repr.ts';

describe('pythonStringRepr', () => {
  // repr() of each string as CPython 3.11 prints it.
  const cases: [string, string][] = [
    ['abc', "'abc'"],
    ['gift_card_1', "'gift_card_1'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ['tab\there', "'tab\\there'"],
    ['tab\there\\', "'tab\\there\\\\'"],
    ['new\nline', "'new\\nline'"],
    ['back\\slash', "'back\\\\slash'"],
    ['\u0000\u007f\u0085\u00a0', "'\\x00\\x7f\\x85\\xa0'"],
    ['\u0001\u00a0é', "'\\x01\\xa0é'"],
    ['é', "'é'"],
    ['a\u2003b', "'a\\u2003b'"],
    ['\u2028', "'\\u2028'"],
    ['😀', "'😀'"],
    ['\u{e0001}', "'\\U000e0001'"],
  ];
  it.each(cases)('%j -> %s', (text, repr) => expect(pythonStringRepr(text)).toBe(repr));
});
