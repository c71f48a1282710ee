import { describe, expect, it } from 'vitest';
import { compareCodePoints, keyErrorText, pythonStringRepr, sortedLikePython } from '../../../../domains/retail/tools/python-text.ts';

describe('python text helpers', () => {
  it('sorts by code point as Python does, not by UTF-16 unit', () => {
    const astral = '\u{1F600}';
    const highBmp = '\uFF5E';
    expect([highBmp, astral].sort()).toEqual([astral, highBmp]);
    expect(sortedLikePython([astral, highBmp])).toEqual([highBmp, astral]);
    expect(sortedLikePython(['9', '10', '1008292230', '1'])).toEqual(['1', '10', '1008292230', '9']);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'a')).toBe(0);
  });

  it("writes a string as Python's repr does", () => {
    expect(pythonStringRepr('gift_card_1')).toBe("'gift_card_1'");
    expect(pythonStringRepr("it's")).toBe('"it\'s"');
    expect(pythonStringRepr('both \' and "')).toBe("'both \\' and \"'");
    expect(pythonStringRepr('tab\there\\')).toBe("'tab\\there\\\\'");
    expect(pythonStringRepr('\u0001\u00a0é')).toBe("'\\x01\\xa0é'");
  });

  it('gives the text tau-bench shows for a KeyError', () => {
    expect(keyErrorText('ghost_user')).toBe("Error: 'ghost_user'");
  });
});
