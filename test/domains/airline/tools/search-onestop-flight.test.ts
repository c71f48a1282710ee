import { describe, expect, it } from 'vitest';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

const hat003 =
  '{"flight_number": "HAT003", "origin": "JFK", "destination": "ORD", "scheduled_departure_time_est": "10:00:00", "scheduled_arrival_time_est": "12:00:00", "status": "available", "available_seats": {"basic_economy": 4, "economy": 4, "business": 4}, "prices": {"basic_economy": 60, "economy": 120, "business": 300}, "date": "2024-05-16"}';
const hat006 =
  '{"flight_number": "HAT006", "origin": "JFK", "destination": "ORD", "scheduled_departure_time_est": "22:00:00", "scheduled_arrival_time_est": "01:00:00+1", "status": "available", "available_seats": {"basic_economy": 3, "economy": 3, "business": 3}, "prices": {"basic_economy": 55, "economy": 110, "business": 280}, "date": "2024-05-16"}';
const hat004 = (date: string) =>
  `{"flight_number": "HAT004", "origin": "ORD", "destination": "LAX", "scheduled_departure_time_est": "14:00:00", "scheduled_arrival_time_est": "16:30:00", "status": "available", "available_seats": {"basic_economy": 6, "economy": 6, "business": 6}, "prices": {"basic_economy": 70, "economy": 140, "business": 350}, "date": "${date}"}`;

describe('search_onestop_flight', () => {
  it('pairs flights through a connecting airport; an overnight first leg connects the next day', () => {
    const state = fixtureState();
    const before = state.hash();
    // HAT005 leaves ORD before HAT003 lands, so it is left out. After the overnight HAT006 the second
    // leg is dated 05-17 but shows HAT004's seats and prices of 05-16 (tau-bench reads the first date).
    expect(call(state, 'search_onestop_flight', { origin: 'JFK', destination: 'LAX', date: '2024-05-16' })).toEqual({
      ok: true,
      kind: 'read',
      content: `[[${hat003}, ${hat004('2024-05-16')}], [${hat006}, ${hat004('2024-05-17')}]]`,
    });
    expect(state.hash()).toBe(before);
  });

  it('finds nothing when the first leg does not fly that day', () => {
    expect(call(fixtureState(), 'search_onestop_flight', { origin: 'JFK', destination: 'LAX', date: '2024-05-17' }).content).toBe('[]');
  });

  it('writes the next day unpadded, so an overnight leg early in the month never connects', () => {
    // "2024-05-05" would need a second leg on "2024-05-6", a date no flight has.
    expect(call(fixtureState(), 'search_onestop_flight', { origin: 'JFK', destination: 'LAX', date: '2024-05-6' }).content).toBe('[]');
  });

  describe('fails, changing nothing', () => {
    const state = fixtureState();
    it("when the date's last two characters are not a number and an overnight leg is considered (tau-bench's ValueError)", () => {
      expectFailure(state, 'search_onestop_flight', { origin: 'JFK', destination: 'LAX', date: 'May 16th' }, "Error: invalid literal for int() with base 10: 'th'");
    });
    it("when the second leg has the next day's date but not the first (tau-bench's KeyError)", () => {
      expectFailure(state, 'search_onestop_flight', { origin: 'JFK', destination: 'SEA', date: '2024-05-16' }, "Error: '2024-05-16'");
    });
  });

  it('does not parse the date when no overnight leg is involved', () => {
    expect(call(fixtureState(), 'search_onestop_flight', { origin: 'ORD', destination: 'LAX', date: 'May 16th' }).content).toBe('[]');
  });
});
