import { describe, expect, it } from 'vitest';
import { paymentFromOwnProfile } from '../../../../domains/airline/policy/payment-from-own-profile.ts';
import { call, creditCardOf, findingsOf, findReservation, findUser, identify, isUpcoming, traceOf } from './policy-fixtures.ts';

const { reservation, owner } = findReservation((candidate, user) => isUpcoming(candidate) && Object.values(user.payment_methods).some((method) => method.source === 'credit_card'));
const userId = reservation.user_id;
const addBag = (card: string) =>
  call('update_reservation_baggages', { reservation_id: reservation.reservation_id, total_baggages: reservation.total_baggages + 1, nonfree_baggages: reservation.nonfree_baggages + 1, payment_id: card });

describe('payment-from-own-profile', () => {
  it("passes a payment with a card from the user's own profile", () => {
    expect(findingsOf(paymentFromOwnProfile, traceOf(userId, [identify(userId), addBag(creditCardOf(owner))]))).toEqual([]);
  });

  it("flags paying with a card of someone else's profile", () => {
    const stranger = findUser((user, id) => id !== userId && Object.values(user.payment_methods).some((method) => method.source === 'credit_card'));
    const card = creditCardOf(owner);
    expect(findingsOf(paymentFromOwnProfile, traceOf(stranger.userId, [identify(stranger.userId), addBag(card)]))).toEqual([
      { actionIndex: 1, message: `update_reservation_baggages uses payment method ${card}, which is not in the profile of user ${stranger.userId}` },
    ]);
  });
});
