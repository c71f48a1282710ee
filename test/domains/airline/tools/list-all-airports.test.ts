import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';

describe('list_all_airports', () => {
  it("prints tau-bench's fixed twenty airports, whatever the flights are, and changes nothing", () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'list_all_airports', {})).toEqual({
      ok: true,
      kind: 'read',
      content:
        '{"SFO": "San Francisco", "JFK": "New York", "LAX": "Los Angeles", "ORD": "Chicago", "DFW": "Dallas", "DEN": "Denver", "SEA": "Seattle", "ATL": "Atlanta", "MIA": "Miami", "BOS": "Boston", "PHX": "Phoenix", "IAH": "Houston", "LAS": "Las Vegas", "MCO": "Orlando", "EWR": "Newark", "CLT": "Charlotte", "MSP": "Minneapolis", "DTW": "Detroit", "PHL": "Philadelphia", "LGA": "LaGuardia"}',
    });
    expect(state.hash()).toBe(before);
  });

  it('has no error path: it takes no argument and reads nothing', () => {
    expect(call(fixtureState(), 'list_all_airports', {}).ok).toBe(true);
  });
});
