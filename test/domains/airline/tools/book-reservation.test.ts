import { describe, expect, it } from 'vitest';
import { diffStates, DomainState } from '../../../../src/domain-kit/index.ts';
import { call, fixtureData, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

const anaAndLeo = [
  { first_name: 'Ana', last_name: 'Park', dob: '1985-03-02' },
  { first_name: 'Leo', last_name: 'Park', dob: '2012-07-30' },
];

/** A valid booking: JFK-ORD-LAX on 05-16 in economy for two, with insurance and one paid bag: 630. */
const booking = (overrides: Record<string, unknown> = {}) => ({
  user_id: 'ana_park_1001',
  origin: 'JFK',
  destination: 'LAX',
  flight_type: 'one_way',
  cabin: 'economy',
  flights: [
    { flight_number: 'HAT003', date: '2024-05-16' },
    { flight_number: 'HAT004', date: '2024-05-16' },
  ],
  passengers: anaAndLeo,
  payment_methods: [
    { payment_id: 'gift_card_2222222', amount: 300 },
    { payment_id: 'certificate_3333333', amount: 250 },
    { payment_id: 'credit_card_1111111', amount: 80 },
  ],
  total_baggages: 3,
  nonfree_baggages: 1,
  insurance: 'yes',
  ...overrides,
});

/** A one-flight booking of HAT003 economy for Ana alone (120), paid as given. */
const singleFlight = (payment_methods: unknown[], overrides: Record<string, unknown> = {}) =>
  booking({
    flights: [{ flight_number: 'HAT003', date: '2024-05-16' }],
    passengers: [anaAndLeo[0]],
    insurance: 'no',
    total_baggages: 0,
    nonfree_baggages: 0,
    payment_methods,
    ...overrides,
  });

describe('book_reservation', () => {
  it('books, prices each flight from the flight table, charges the wallet and prints the reservation', () => {
    const before = fixtureState();
    const state = before.fork();
    const result = call(state, 'book_reservation', booking());
    expect(result).toEqual({
      ok: true,
      kind: 'write',
      content:
        '{"reservation_id": "HATHAT", "user_id": "ana_park_1001", "origin": "JFK", "destination": "LAX", "flight_type": "one_way", "cabin": "economy", "flights": [{"flight_number": "HAT003", "date": "2024-05-16", "price": 120, "origin": "JFK", "destination": "ORD"}, {"flight_number": "HAT004", "date": "2024-05-16", "price": 140, "origin": "ORD", "destination": "LAX"}], "passengers": [{"first_name": "Ana", "last_name": "Park", "dob": "1985-03-02"}, {"first_name": "Leo", "last_name": "Park", "dob": "2012-07-30"}], "payment_history": [{"payment_id": "gift_card_2222222", "amount": 300}, {"payment_id": "certificate_3333333", "amount": 250}, {"payment_id": "credit_card_1111111", "amount": 80}], "created_at": "2024-05-15T15:00:00", "total_baggages": 3, "nonfree_baggages": 1, "insurance": "yes"}',
    });
    expect(state.get('reservations', 'HATHAT')).toEqual(JSON.parse(result.content));
    const changes = diffStates(before, state).patch.map((operation) => [operation.op, operation.path, 'value' in operation ? operation.value : undefined]);
    expect(changes).toEqual([
      ['add', '/reservations/HATHAT', JSON.parse(result.content)],
      ['add', '/users/ana_park_1001/reservations/2', 'HATHAT'],
      ['remove', '/users/ana_park_1001/payment_methods/certificate_3333333', undefined],
      ['replace', '/users/ana_park_1001/payment_methods/gift_card_2222222/amount', 0],
    ]);
    // Seat counts are not touched.
    expect(state.get('flights', 'HAT003')).toEqual(before.get('flights', 'HAT003'));
  });

  it('takes HATHAU, then HATHAV, then overwrites HATHAV', () => {
    const state = fixtureState();
    const cheap = () => singleFlight([{ payment_id: 'credit_card_1111111', amount: 120 }]);
    expect(JSON.parse(call(state, 'book_reservation', cheap()).content).reservation_id).toBe('HATHAT');
    expect(JSON.parse(call(state, 'book_reservation', cheap()).content).reservation_id).toBe('HATHAU');
    expect(JSON.parse(call(state, 'book_reservation', cheap()).content).reservation_id).toBe('HATHAV');
    const fourth = call(state, 'book_reservation', singleFlight([{ payment_id: 'credit_card_1111111', amount: 120 }], { origin: 'XXX' }));
    expect(JSON.parse(fourth.content).reservation_id).toBe('HATHAV');
    expect(state.get('reservations', 'HATHAV')?.origin).toBe('XXX');
    expect(state.get('users', 'ana_park_1001')?.reservations).toEqual(['ABC123', 'DEF456', 'HATHAT', 'HATHAU', 'HATHAV', 'HATHAV']);
  });

  it('checks each gift card payment alone, so one card paying twice can go negative', () => {
    const state = fixtureState();
    const result = call(
      state,
      'book_reservation',
      booking({
        payment_methods: [
          { payment_id: 'gift_card_2222222', amount: 300 },
          { payment_id: 'gift_card_2222222', amount: 290 },
          { payment_id: 'credit_card_1111111', amount: 40 },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    expect(state.get('users', 'ana_park_1001')?.payment_methods.gift_card_2222222).toEqual({ source: 'gift_card', amount: -290, id: 'gift_card_2222222' });
  });

  it('stores fields of nested objects that the schema does not name, as tau-bench does', () => {
    const state = fixtureState();
    const passengers = [{ first_name: 'Ana', last_name: 'Park', dob: '1985-03-02', seat: '12A' }];
    call(state, 'book_reservation', singleFlight([{ payment_id: 'credit_card_1111111', amount: 120, note: 'x' }], { passengers }));
    expect(state.get('reservations', 'HATHAT')?.passengers).toEqual(passengers);
    expect(state.get('reservations', 'HATHAT')?.payment_history).toEqual([{ payment_id: 'credit_card_1111111', amount: 120, note: 'x' }]);
  });

  describe('fails, changing nothing', () => {
    const state = fixtureState();
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown user', booking({ user_id: 'nobody_0' }), 'Error: user not found'],
      ['an unknown flight', booking({ flights: [{ flight_number: 'HAT999', date: '2024-05-16' }] }), 'Error: flight HAT999 not found'],
      ['a date the flight has no entry for', booking({ flights: [{ flight_number: 'HAT001', date: '2024-05-15' }] }), 'Error: flight HAT001 not found on date 2024-05-15'],
      ['a cancelled flight', booking({ flights: [{ flight_number: 'HAT001', date: '2024-05-17' }] }), 'Error: flight HAT001 not available on date 2024-05-17'],
      ['a landed flight', booking({ flights: [{ flight_number: 'HAT001', date: '2024-05-14' }] }), 'Error: flight HAT001 not available on date 2024-05-14'],
      ['too few seats in the cabin', booking({ cabin: 'basic_economy', flights: [{ flight_number: 'HAT001', date: '2024-05-18' }] }), 'Error: not enough seats on flight HAT001'],
      ['an available date without seat lists', booking({ flights: [{ flight_number: 'HAT010', date: '2024-05-16' }] }), "Error: 'available_seats'"],
      ['a payment method not in the profile', singleFlight([{ payment_id: 'gift_card_0000000', amount: 120 }]), 'Error: payment method gift_card_0000000 not found'],
      ['a gift card without enough balance', singleFlight([{ payment_id: 'gift_card_2222222', amount: 301 }]), 'Error: not enough balance in payment method gift_card_2222222'],
      ['a certificate without enough balance', singleFlight([{ payment_id: 'certificate_3333333', amount: 251 }]), 'Error: not enough balance in payment method certificate_3333333'],
      [
        'payments that do not add up',
        singleFlight([
          { payment_id: 'credit_card_1111111', amount: 100 },
          { payment_id: 'credit_card_1111111', amount: 19.5 },
        ]),
        'Error: payment amount does not add up, total price is 120, but paid 119.5',
      ],
      [
        'one certificate used twice (tau-bench deletes it on first use, then raises KeyError)',
        singleFlight([
          { payment_id: 'certificate_3333333', amount: 60 },
          { payment_id: 'certificate_3333333', amount: 60 },
        ]),
        "Error: 'certificate_3333333'",
      ],
    ];
    it.each(cases)('%s', (_label, args, error) => expectFailure(state, 'book_reservation', args, error));
  });

  it('checks the flights before the payment methods', () => {
    const state = new DomainState(fixtureState().base);
    expectFailure(state, 'book_reservation', booking({ flights: [{ flight_number: 'HAT999', date: '2024-05-16' }], payment_methods: [{ payment_id: 'nope', amount: 1 }] }), 'Error: flight HAT999 not found');
  });

  it('does not check the origin, destination or trip type against the flights', () => {
    const state = fixtureState(fixtureData());
    const result = call(state, 'book_reservation', singleFlight([{ payment_id: 'credit_card_1111111', amount: 120 }], { origin: 'SEA', destination: 'MIA', flight_type: 'round_trip' }));
    expect(result.ok).toBe(true);
  });
});
