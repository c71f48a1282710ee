import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';

describe('search_direct_flight', () => {
  it("lists the bookable nonstop flights with that date's status, seats and prices", () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'search_direct_flight', { origin: 'JFK', destination: 'LAX', date: '2024-05-16' })).toEqual({
      ok: true,
      kind: 'read',
      content:
        '[{"flight_number": "HAT001", "origin": "JFK", "destination": "LAX", "scheduled_departure_time_est": "06:00:00", "scheduled_arrival_time_est": "09:00:00", "status": "available", "available_seats": {"basic_economy": 5, "economy": 3, "business": 2}, "prices": {"basic_economy": 100, "economy": 200, "business": 500}}]',
    });
    expect(state.hash()).toBe(before);
  });

  it('leaves out flights that are not available that day, and dates a flight does not fly', () => {
    const state = fixtureState();
    expect(call(state, 'search_direct_flight', { origin: 'JFK', destination: 'LAX', date: '2024-05-17' }).content).toBe('[]');
    expect(call(state, 'search_direct_flight', { origin: 'JFK', destination: 'LAX', date: '2024-05-15' }).content).toBe('[]');
    expect(call(state, 'search_direct_flight', { origin: 'JFK', destination: 'LAX', date: 'tomorrow' }).content).toBe('[]');
  });

  it('has no error path: unknown airports give an empty list', () => {
    expect(call(fixtureState(), 'search_direct_flight', { origin: 'XXX', destination: 'YYY', date: '2024-05-16' })).toEqual({ ok: true, kind: 'read', content: '[]' });
  });
});
