import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

describe('calculate', () => {
  it("answers Python's str(round(value, 2)) and changes nothing", () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'calculate', { expression: '2 * ((350 - 122) + (499 - 127))' })).toEqual({ ok: true, kind: 'read', content: '1200.0' });
    expect(call(state, 'calculate', { expression: '100 / 3' }).content).toBe('33.33');
    expect(state.hash()).toBe(before);
  });

  describe('fails, changing nothing', () => {
    const state = fixtureState();
    const cases: [string, string][] = [
      ['2 ^ 3', 'Error: invalid characters in expression'],
      ['10 / 0', 'Error: division by zero'],
      ['(1 + 2', "Error: '(' was never closed (<string>, line 1)"],
      ['1 + ', 'Error: invalid syntax (<string>, line 1)'],
      ['()', "Error: float() argument must be a string or a real number, not 'tuple'"],
    ];
    it.each(cases)('%j', (expression, error) => expectFailure(state, 'calculate', { expression }, error));
  });
});
