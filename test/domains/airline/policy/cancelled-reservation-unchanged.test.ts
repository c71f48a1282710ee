import { describe, expect, it } from 'vitest';
import { cancelledReservationUnchanged } from '../../../../domains/airline/policy/cancelled-reservation-unchanged.ts';
import { bookedRecently, call, creditCardOf, findingsOf, findReservation, identify, isUpcoming, methodsOf, traceOf } from './policy-fixtures.ts';

const { reservation, owner } = findReservation((candidate, user) => isUpcoming(candidate) && bookedRecently(candidate) && methodsOf(user, 'credit_card').length > 0);
const userId = reservation.user_id;
const id = reservation.reservation_id;
const cancel = call('cancel_reservation', { reservation_id: id });
const addBag = call('update_reservation_baggages', { reservation_id: id, total_baggages: reservation.total_baggages + 1, nonfree_baggages: reservation.nonfree_baggages + 1, payment_id: creditCardOf(owner) });

describe('cancelled-reservation-unchanged', () => {
  it('passes changing a reservation, then cancelling it', () => {
    expect(findingsOf(cancelledReservationUnchanged, traceOf(userId, [identify(userId), addBag, cancel]))).toEqual([]);
  });

  it('flags cancelling twice (a second refund) and changing a cancelled reservation', () => {
    expect(findingsOf(cancelledReservationUnchanged, traceOf(userId, [identify(userId), cancel, cancel, addBag]))).toEqual([
      { actionIndex: 2, message: `cancel_reservation cancels reservation ${id}, which is already cancelled: its payments would be refunded twice` },
      { actionIndex: 3, message: `update_reservation_baggages changes reservation ${id}, which is already cancelled` },
    ]);
  });
});
