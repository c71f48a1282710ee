import { describe, expect, it } from 'vitest';
import { airline } from '../../../../domains/airline/index.ts';
import { call, fixtureState } from '../fixture.ts';

/** A valid call of every tool, and the argument to break in it. */
const validCalls: Record<string, { args: Record<string, unknown>; wrongType?: [string, unknown] }> = {
  book_reservation: {
    args: {
      user_id: 'ben_ode_2002',
      origin: 'JFK',
      destination: 'LAX',
      flight_type: 'one_way',
      cabin: 'economy',
      flights: [{ flight_number: 'HAT001', date: '2024-05-16' }],
      passengers: [{ first_name: 'Ben', last_name: 'Ode', dob: '1990-11-11' }],
      payment_methods: [{ payment_id: 'credit_card_4444444', amount: 200 }],
      total_baggages: 0,
      nonfree_baggages: 0,
      insurance: 'no',
    },
    wrongType: ['nonfree_baggages', 'one'],
  },
  calculate: { args: { expression: '1 + 1' }, wrongType: ['expression', 2] },
  cancel_reservation: { args: { reservation_id: 'ABC123' }, wrongType: ['reservation_id', 123] },
  get_reservation_details: { args: { reservation_id: 'ABC123' }, wrongType: ['reservation_id', null] },
  get_user_details: { args: { user_id: 'ben_ode_2002' }, wrongType: ['user_id', ['ben_ode_2002']] },
  list_all_airports: { args: {} },
  search_direct_flight: { args: { origin: 'JFK', destination: 'LAX', date: '2024-05-16' }, wrongType: ['date', 20240516] },
  search_onestop_flight: { args: { origin: 'JFK', destination: 'LAX', date: '2024-05-16' }, wrongType: ['origin', true] },
  send_certificate: { args: { user_id: 'ben_ode_2002', amount: 100 }, wrongType: ['amount', '100'] },
  think: { args: { thought: 'hmm' }, wrongType: ['thought', {}] },
  transfer_to_human_agents: { args: { summary: 'help' }, wrongType: ['summary', 1] },
  update_reservation_baggages: {
    args: { reservation_id: 'ABC123', total_baggages: 3, nonfree_baggages: 1, payment_id: 'credit_card_1111111' },
    wrongType: ['total_baggages', 2.5],
  },
  update_reservation_flights: {
    args: { reservation_id: 'ABC123', cabin: 'economy', flights: [{ flight_number: 'HAT001', date: '2024-05-16' }], payment_id: 'credit_card_1111111' },
    wrongType: ['cabin', 'first'],
  },
  update_reservation_passengers: {
    args: { reservation_id: 'DEF456', passengers: [{ first_name: 'Ana', last_name: 'Park', dob: '1985-03-02' }] },
    wrongType: ['passengers', 'Ana Park'],
  },
};

describe('airline tool arguments', () => {
  it('covers every tool', () => expect(Object.keys(validCalls).sort()).toEqual(airline.tools.map((tool) => tool.name).sort()));

  describe.each(Object.entries(validCalls))('%s', (name, { args, wrongType }) => {
    it('accepts the valid call', () => expect(call(fixtureState(), name, args).ok).toBe(true));

    it('rejects an unknown argument by name, changing nothing', () => {
      const state = fixtureState();
      const before = state.hash();
      const result = call(state, name, { ...args, seat_preference: 'aisle' });
      expect(result.ok).toBe(false);
      expect(result.content).toBe(`Error: invalid arguments for ${name}: unexpected argument "seat_preference"`);
      expect(state.hash()).toBe(before);
    });

    it.runIf(wrongType)('rejects an argument of the wrong type by name, changing nothing', () => {
      const [argument, value] = wrongType!;
      const state = fixtureState();
      const before = state.hash();
      const result = call(state, name, { ...args, [argument]: value });
      expect(result.ok).toBe(false);
      expect(result.content).toMatch(new RegExp(`^Error: invalid arguments for ${name}: argument "${argument}": `));
      expect(state.hash()).toBe(before);
    });
  });

  it('names the path of a nested argument of the wrong type', () => {
    const { args } = validCalls.update_reservation_flights!;
    const result = call(fixtureState(), 'update_reservation_flights', { ...args, flights: [{ flight_number: 'HAT001', date: 20240516 }] });
    expect(result.content).toMatch(/^Error: invalid arguments for update_reservation_flights: argument "flights\.0\.date": /);
  });

  it('names a missing required argument', () => {
    const result = call(fixtureState(), 'send_certificate', { user_id: 'ben_ode_2002' });
    expect(result.content).toMatch(/^Error: invalid arguments for send_certificate: argument "amount": /);
  });
});
