import { describe, expect, it } from 'vitest';
import { paymentMethodLimits } from '../../../../domains/airline/policy/payment-method-limits.ts';
import { call, findingsOf, findOpenFlight, findUser, identify, methodsOf, person, segment, traceOf, traceOverEditedData } from './policy-fixtures.ts';

const flight = findOpenFlight((candidate) => candidate.seats.economy >= 1 && candidate.prices.economy > 10);
const total = flight.prices.economy;
const booking = (userId: string, payments: Array<[string, number]>) =>
  call('book_reservation', {
    user_id: userId,
    origin: flight.origin,
    destination: flight.destination,
    flight_type: 'one_way',
    cabin: 'economy',
    flights: [segment(flight)],
    passengers: [person('Ada', 'Lind')],
    payment_methods: payments.map(([payment_id, amount]) => ({ payment_id, amount })),
    total_baggages: 0,
    nonfree_baggages: 0,
    insurance: 'no',
  });

describe('payment-method-limits', () => {
  it('passes one certificate, one credit card and three gift cards in one booking', () => {
    const { userId, user } = findUser((candidate) => methodsOf(candidate, 'credit_card').length >= 1 && methodsOf(candidate, 'certificate').length >= 1);
    const [certificate] = methodsOf(user, 'certificate');
    const [card] = methodsOf(user, 'credit_card');
    const giftCards = ['gift_card_9000001', 'gift_card_9000002', 'gift_card_9000003'];
    const trace = traceOverEditedData(
      (data) => {
        for (const id of giftCards) data.users[userId]!.payment_methods[id] = { source: 'gift_card', amount: 100, id };
      },
      userId,
      [identify(userId), booking(userId, [[certificate!, 1], ...giftCards.map((id): [string, number] => [id, 1]), [card!, total - 4]])],
    );
    expect(findingsOf(paymentMethodLimits, trace)).toEqual([]);
  });

  it('flags two credit cards', () => {
    const { userId, user } = findUser((candidate) => methodsOf(candidate, 'credit_card').length >= 2);
    const [first, second] = methodsOf(user, 'credit_card');
    expect(findingsOf(paymentMethodLimits, traceOf(userId, [identify(userId), booking(userId, [[first!, 1], [second!, total - 1]])]))).toEqual([
      { actionIndex: 1, message: `book_reservation pays with 2 credit cards (${first}, ${second}), but a booking can use at most 1 credit card` },
    ]);
  });

  it('flags two travel certificates', () => {
    const { userId, user } = findUser((candidate) => methodsOf(candidate, 'certificate').length >= 2 && methodsOf(candidate, 'credit_card').length >= 1);
    const [first, second] = methodsOf(user, 'certificate');
    const [card] = methodsOf(user, 'credit_card');
    expect(findingsOf(paymentMethodLimits, traceOf(userId, [identify(userId), booking(userId, [[first!, 1], [second!, 1], [card!, total - 2]])]))).toEqual([
      { actionIndex: 1, message: `book_reservation pays with 2 travel certificates (${first}, ${second}), but a booking can use at most 1 travel certificate` },
    ]);
  });

  it('flags four gift cards (no user of the default data has four: they are added first)', () => {
    const { userId } = findUser((candidate) => methodsOf(candidate, 'credit_card').length === 0 && methodsOf(candidate, 'gift_card').length >= 1);
    const giftCards = ['gift_card_9000001', 'gift_card_9000002', 'gift_card_9000003', 'gift_card_9000004'];
    const trace = traceOverEditedData(
      (data) => {
        for (const id of giftCards) data.users[userId]!.payment_methods[id] = { source: 'gift_card', amount: total, id };
      },
      userId,
      [identify(userId), booking(userId, [[giftCards[0]!, total - 3], ...giftCards.slice(1).map((id): [string, number] => [id, 1])])],
    );
    expect(findingsOf(paymentMethodLimits, trace)).toEqual([
      { actionIndex: 1, message: `book_reservation pays with 4 gift cards (${giftCards.join(', ')}), but a booking can use at most 3 gift cards` },
    ]);
  });
});
