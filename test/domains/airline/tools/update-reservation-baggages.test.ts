import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../../src/domain-kit/index.ts';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

describe('update_reservation_baggages', () => {
  it('charges 50 per added paid bag to a gift card and prints the reservation', () => {
    const before = fixtureState();
    const state = before.fork();
    const result = call(state, 'update_reservation_baggages', { reservation_id: 'DEF456', total_baggages: 4, nonfree_baggages: 3, payment_id: 'gift_card_2222222' });
    expect(result).toEqual({
      ok: true,
      kind: 'write',
      content:
        '{"reservation_id": "DEF456", "user_id": "ana_park_1001", "origin": "JFK", "destination": "ORD", "flight_type": "one_way", "cabin": "basic_economy", "flights": [{"origin": "JFK", "destination": "ORD", "flight_number": "HAT003", "date": "2024-05-16", "price": 60}], "passengers": [{"first_name": "Ana", "last_name": "Park", "dob": "1985-03-02"}], "payment_history": [{"payment_id": "gift_card_2222222", "amount": 60}, {"payment_id": "gift_card_2222222", "amount": 100}], "created_at": "2024-05-14T09:30:00", "total_baggages": 4, "nonfree_baggages": 3, "insurance": "yes"}',
    });
    expect(diffStates(before, state).patch).toEqual([
      { op: 'replace', path: '/reservations/DEF456/nonfree_baggages', value: 3 },
      { op: 'replace', path: '/reservations/DEF456/total_baggages', value: 4 },
      { op: 'add', path: '/reservations/DEF456/payment_history/1', value: { payment_id: 'gift_card_2222222', amount: 100 } },
      { op: 'replace', path: '/users/ana_park_1001/payment_methods/gift_card_2222222/amount', value: 200 },
    ]);
  });

  it('lets bags be removed, refunding nothing and recording no payment', () => {
    const before = fixtureState();
    const state = before.fork();
    const result = call(state, 'update_reservation_baggages', { reservation_id: 'DEF456', total_baggages: 0, nonfree_baggages: 0, payment_id: 'credit_card_1111111' });
    expect(result.ok).toBe(true);
    expect(diffStates(before, state).patch).toEqual([
      { op: 'replace', path: '/reservations/DEF456/nonfree_baggages', value: 0 },
      { op: 'replace', path: '/reservations/DEF456/total_baggages', value: 0 },
    ]);
  });

  describe('fails, changing nothing', () => {
    const state = fixtureState();
    const bags = (reservation_id: string, payment_id: string, nonfree_baggages = 3) => ({ reservation_id, total_baggages: 4, nonfree_baggages, payment_id });
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown reservation', bags('NOPE00', 'gift_card_2222222'), 'Error: reservation not found'],
      ["a reservation whose user is missing (tau-bench's KeyError)", bags('ORPHAN', 'credit_card_9999999'), "Error: 'ghost_0000'"],
      ['a payment method not in the profile', bags('DEF456', 'gift_card_0000000'), 'Error: payment method not found'],
      ['a certificate', bags('DEF456', 'certificate_3333333'), 'Error: certificate cannot be used to update reservation'],
      ['a gift card without enough balance', bags('DEF456', 'gift_card_2222222', 8), 'Error: gift card balance is not enough'],
    ];
    it.each(cases)('%s', (_label, args, error) => expectFailure(state, 'update_reservation_baggages', args, error));
  });
});
