import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputFound, outputsIndex, outputTokens } from '../../../src/rollout/grading/outputs-match.ts';

describe('the token outputs rule (the default)', () => {
  const found = (output: string, text: string) => outputFound(output, [text]);

  it('matches on token boundaries, case-insensitive', () => {
    expect(found('Blue', 'the BLUE one')).toBe(true);
    expect(found('blue', 'the blueberry one')).toBe(false);
    expect(found('HAT111', 'flight HAT111.')).toBe(true);
    expect(found('HAT111', 'flight HAT1112')).toBe(false);
    expect(found('#W5100698', 'Order #W5100698 is delivered')).toBe(true);
    expect(found('credit_card_123', 'paid with credit_card_1234')).toBe(false);
    expect(found('New York', 'flying to new-york')).toBe(true);
  });

  it('never finds a number inside a longer number', () => {
    expect(found('423', 'it costs 14230')).toBe(false);
    expect(found('423', 'it costs 4230')).toBe(false);
    expect(found('423', 'it costs 0.423')).toBe(false);
    expect(found('423', 'it costs $423.')).toBe(true);
    expect(found('77', 'call 1-800-555-0177')).toBe(false);
  });

  it('reads a comma between digits as one number only when it is a thousands separator', () => {
    expect(found('423', 'items 4,23')).toBe(false);
    expect(found('4', 'items 4,23')).toBe(true);
    expect(found('1234', 'refund of $1,234')).toBe(true);
    expect(found('1,234', 'refund of $1234')).toBe(true);
    expect(found('1234567', 'balance 1,234,567')).toBe(true);
    expect(found('234', 'refund of $1,234')).toBe(false);
    expect(found('1234.5', 'Your refund is $1,234.5.')).toBe(true);
  });

  it('compares decimals as numbers: trailing zeros do not matter, a whole number is not inside a decimal', () => {
    expect(found('423.50', 'total 423.5')).toBe(true);
    expect(found('423.5', 'total $423.50')).toBe(true);
    expect(found('423', 'total 423.00')).toBe(true);
    expect(found('423', 'total 423.50')).toBe(false);
    expect(found('423.5', 'total 423.55')).toBe(false);
    expect(outputTokens('Version 1.2.3, $1,234.50')).toEqual(['version', '1.2.3', '1234.5']);
  });

  it('never matches across two messages', () => {
    expect(outputFound('New York', ['I fly to New', 'York is nice'])).toBe(false);
    expect(outputFound('New York', ['I fly to New York'])).toBe(true);
  });

  it('finds 100,000 outputs in one text that says them all, and tells the ones it does not say', () => {
    const outputs = Array.from({ length: 100_000 }, (_, index) => `item-${index} costs ${index * 3}.25`);
    const text = `Here is what you asked about: ${outputs.slice(0, 99_999).join('; ')}.`;
    const found = outputsIndex([text]).found(outputs);
    expect(outputs.filter((output) => !found.has(output))).toEqual([outputs[99_999]]);
  });
});

describe("tau-bench's outputs rule", () => {
  const found = (output: string, text: string) => outputFound(output, [text], 'tau-bench');

  it('is a substring of the lower-cased text with its commas removed (the output keeps its commas)', () => {
    expect(found('1234.5', 'Your refund is $1,234.5.')).toBe(true);
    expect(found('Blue', 'the BLUE one')).toBe(true);
    expect(found('1,234', '1,234')).toBe(false);
    expect(found('423', '14230')).toBe(true);
    expect(found('423', '4,23')).toBe(true);
    expect(found('77', 'call 1-800-555-0177')).toBe(true);
  });

  it('finds many outputs at once exactly as one substring test per output would', () => {
    const letters = fc.string({ unit: fc.constantFrom('a', 'B', '1', ',', ' ', '0'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'B', '1', ',', ' ', '0'), maxLength: 40 }), { maxLength: 3 }), fc.array(letters, { maxLength: 30 }), (texts, outputs) => {
        const expected = outputs.filter((output) => texts.some((text) => text.toLowerCase().replaceAll(',', '').includes(output.toLowerCase())));
        expect([...outputsIndex(texts, 'tau-bench').found(outputs)].sort()).toEqual([...new Set(expected)].sort());
      }),
    );
  });

  it('finds 100,000 outputs in one text that says them all, and tells the ones it does not say', () => {
    const outputs = Array.from({ length: 100_000 }, (_, index) => `item-${index} costs ${index * 3}.25`);
    const text = `Here is what you asked about: ${outputs.slice(0, 99_999).join('; ')}.`;
    const found = outputsIndex([text], 'tau-bench').found(outputs);
    expect(outputs.filter((output) => !found.has(output))).toEqual([outputs[99_999]]);
  });
});
