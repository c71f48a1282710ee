import { describe, expect, it } from 'vitest';
import { airline } from '../../../../domains/airline/index.ts';
import { DomainState } from '../../../../src/domain-kit/index.ts';
import { call, fixtureState } from '../fixture.ts';

describe('list_all_airports', () => {
  it("prints tau-bench's fixed twenty airports on data within them, and changes nothing", () => {
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

  it('lists the airports our generated data serves, with their cities, since tau-bench\'s table would be wrong there', () => {
    const state = new DomainState(airline.createBase());
    const table = JSON.parse(call(state, 'list_all_airports', {}).content) as Record<string, string>;
    const served = new Set([...state.values('flights')].flatMap((flight) => [flight.origin, flight.destination]));
    expect(Object.keys(table)).toEqual([...served].sort());
    expect(table.ATL).toBe('Atlanta');
    expect(Object.values(table).every((city) => city.length > 3)).toBe(true);
  });

  it('has no error path: it takes no argument and reads nothing', () => {
    expect(call(fixtureState(), 'list_all_airports', {}).ok).toBe(true);
  });
});
