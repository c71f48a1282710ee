import { describe, expect, it } from 'vitest';
import { checkedBagAllowance } from '../../../../domains/airline/policy/checked-bag-allowance.ts';
import { call, creditCardOf, findingsOf, findOpenFlight, findReservation, findUser, identify, isUpcoming, methodsOf, person, segment, traceOf } from './policy-fixtures.ts';

describe('checked-bag-allowance', () => {
  describe('when booking', () => {
    const { userId, user } = findUser((candidate) => candidate.membership === 'gold' && methodsOf(candidate, 'credit_card').length > 0);
    const flight = findOpenFlight((candidate) => candidate.seats.economy >= 2);
    // A gold member's economy passengers carry 3 free bags each: 6 for two, the 7th is paid.
    const booking = (nonfree: number) =>
      call('book_reservation', {
        user_id: userId,
        origin: flight.origin,
        destination: flight.destination,
        flight_type: 'one_way',
        cabin: 'economy',
        flights: [segment(flight)],
        passengers: [person('Ada', 'Lind'), person('Bo', 'Lind')],
        payment_methods: [{ payment_id: creditCardOf(user), amount: flight.prices.economy * 2 + 50 * nonfree }],
        total_baggages: 7,
        nonfree_baggages: nonfree,
        insurance: 'no',
      });
    const check = (nonfree: number) => findingsOf(checkedBagAllowance, traceOf(userId, [identify(userId), booking(nonfree)]));

    it('passes when exactly the bags beyond the allowance are paid', () => {
      expect(check(1)).toEqual([]);
    });

    it('flags too few and too many paid bags', () => {
      const message = (nonfree: number) => `book_reservation marks ${nonfree} of 7 bags as paid, but economy passengers of a gold member get 3 free bags each (6 for 2 passengers), so 1 should be paid ($50 each)`;
      expect(check(0)).toEqual([{ actionIndex: 1, message: message(0) }]);
      expect(check(2)).toEqual([{ actionIndex: 1, message: message(2) }]);
    });
  });

  describe('when adding bags', () => {
    const { reservation, owner } = findReservation(
      (candidate, user) => isUpcoming(candidate) && user.membership === 'regular' && candidate.cabin === 'basic_economy' && candidate.passengers.length === 1 && methodsOf(user, 'credit_card').length > 0,
    );
    const userId = reservation.user_id;
    const addBags = (total: number, nonfree: number) =>
      call('update_reservation_baggages', { reservation_id: reservation.reservation_id, total_baggages: total, nonfree_baggages: nonfree, payment_id: creditCardOf(owner) });
    const total = reservation.total_baggages + 2;
    const check = (nonfree: number) => findingsOf(checkedBagAllowance, traceOf(userId, [identify(userId), addBags(total, nonfree)]));

    it('passes paying for every bag of a regular member in basic economy (no free bag)', () => {
      expect(check(total)).toEqual([]);
    });

    it('flags bags left unpaid', () => {
      expect(check(total - 1)).toEqual([
        {
          actionIndex: 1,
          message: `update_reservation_baggages marks ${total - 1} of ${total} bags as paid, but basic economy passengers of a regular member get 0 free bags each (0 for 1 passenger), so ${total} should be paid ($50 each)`,
        },
      ]);
    });

    it('reads the cabin from an earlier cabin change in the same conversation (the record keeps the old one)', () => {
      const upgrade = call('update_reservation_flights', {
        reservation_id: reservation.reservation_id,
        cabin: 'business',
        flights: reservation.flights.map(({ flight_number, date }) => ({ flight_number, date })),
        payment_id: creditCardOf(owner),
      });
      // A regular member's business passenger carries 2 free bags.
      const trace = traceOf(userId, [identify(userId), upgrade, addBags(total, Math.max(0, total - 2))]);
      expect(findingsOf(checkedBagAllowance, trace)).toEqual([]);
    });
  });
});
