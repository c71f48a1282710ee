import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactNumber, fitTo, formatDuration, oneLine, truncate, wrapText } from '../../../src/tui/live/text-layout.ts';

describe('text layout', () => {
  it('cuts with an ellipsis and pads to a width, counting characters not bytes', () => {
    expect(truncate('get_order_details', 8)).toBe('get_ord…');
    expect(truncate('short', 8)).toBe('short');
    expect(truncate('anything', 0)).toBe('');
    expect(fitTo('ab', 4)).toBe('ab  ');
    expect(fitTo('→ é ← ✓ long', 6)).toBe('→ é ←…');
    expect(oneLine('  a\n  b\tc ')).toBe('a b c');
  });

  it('wraps at spaces, indents continuation lines, keeps the text\'s own newlines', () => {
    expect(wrapText('human: I want to cancel my order please', 20, '       ')).toEqual(['human: I want to', '       cancel my', '       order please']);
    expect(wrapText('a\nb', 10, '  ')).toEqual(['a', '  b']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('fills the line and cuts a word too long for any line rather than leave a stub behind', () => {
    // A tool call whose JSON is longer than a line: never `  →` alone with the call on the next lines.
    expect(wrapText('  → find({"first_name":"Rocio","zip":"21287"})', 20, '      ')).toEqual(['  → find({"first_nam', '      e":"Rocio","zi', '      p":"21287"})']);
    // A word that fits a line of its own still moves down whole.
    expect(wrapText('say hello-there friend', 14, '  ')).toEqual(['say', '  hello-there', '  friend']);
  });

  it('never makes a line wider than asked', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '→'), maxLength: 300 }), fc.integer({ min: 4, max: 100 }), fc.integer({ min: 0, max: 3 }), (text, width, indent) => {
        for (const line of wrapText(text, width, ' '.repeat(indent))) expect(Array.from(line).length).toBeLessThanOrEqual(width);
      }),
    );
  });

  it('shortens numbers and durations for the header', () => {
    expect([950, 12_345, 1_234_567].map(compactNumber)).toEqual(['950', '12.3k', '1.23M']);
    expect([42_000, 187_000, 7_500_000].map(formatDuration)).toEqual(['42s', '3m07s', '2h05m']);
  });
});
