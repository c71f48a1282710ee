import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';

describe('transfer_to_human_agents', () => {
  it('is terminal, answers "Transfer successful" and changes nothing; it has no error path', () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'transfer_to_human_agents', { summary: 'Wants to change the number of passengers.' })).toEqual({
      ok: true,
      kind: 'terminal',
      content: 'Transfer successful',
    });
    expect(state.hash()).toBe(before);
  });
});
