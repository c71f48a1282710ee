import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';

describe('think', () => {
  it('returns an empty text and changes nothing; it has no error path', () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'think', { thought: 'Basic economy cannot be changed.' })).toEqual({ ok: true, kind: 'read', content: '' });
    expect(state.hash()).toBe(before);
  });
});
