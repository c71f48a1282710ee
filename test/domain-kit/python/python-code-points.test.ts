import { describe, expect, it } from 'vitest';
import { compareCodePoints, lastCodePoints, sortedLikePython } from '../../../src/domain-kit/python/python-code-points.ts';

describe('compareCodePoints and sortedLikePython', () => {
  it('sort by code point as Python does, not by UTF-16 unit', () => {
    const astral = '\u{1F600}';
    const highBmp = '\uFF5E';
    expect([highBmp, astral].sort()).toEqual([astral, highBmp]);
    expect(sortedLikePython([astral, highBmp])).toEqual([highBmp, astral]);
    expect(sortedLikePython(['9', '10', '1008292230', '1'])).toEqual(['1', '10', '1008292230', '9']);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'a')).toBe(0);
  });
});

describe('lastCodePoints', () => {
  it("is Python's text[-count:], counting code points, not UTF-16 units", () => {
    expect(lastCodePoints('2024-05-16', 2)).toBe('16');
    expect(lastCodePoints('a😀😀', 2)).toBe('😀😀');
    expect(lastCodePoints('7', 2)).toBe('7');
  });
});
