import { describe, expect, it } from 'vitest';
import { noInsuranceAfterBooking } from '../../../../domains/airline/policy/no-insurance-after-booking.ts';
import { call, creditCardOf, findingsOf, findReservation, identify, isUpcoming, methodsOf, traceOf } from './policy-fixtures.ts';

const { reservation, owner } = findReservation((candidate, user) => isUpcoming(candidate) && candidate.insurance === 'no' && methodsOf(user, 'credit_card').length > 0);
const userId = reservation.user_id;
const addBag = call('update_reservation_baggages', {
  reservation_id: reservation.reservation_id,
  total_baggages: reservation.total_baggages + 1,
  nonfree_baggages: reservation.nonfree_baggages + 1,
  payment_id: creditCardOf(owner),
});

describe('no-insurance-after-booking', () => {
  it('passes a change that leaves the insurance as it was (no tool can add it)', () => {
    expect(findingsOf(noInsuranceAfterBooking, traceOf(userId, [identify(userId), addBag]))).toEqual([]);
  });

  it('flags a write whose outcome adds insurance to the reservation', () => {
    const trace = traceOf(userId, [identify(userId), addBag]);
    const write = trace.steps[1]!;
    // A tool that sold insurance along with the bags: the same trace with the insurance set afterwards.
    const after = write.after.fork();
    after.edit('reservations', reservation.reservation_id).insurance = 'yes';
    const tampered = { ...trace, steps: [trace.steps[0]!, { ...write, after }] };
    expect(findingsOf(noInsuranceAfterBooking, tampered)).toEqual([
      { actionIndex: 1, message: `update_reservation_baggages adds travel insurance to reservation ${reservation.reservation_id}; insurance can only be bought when booking` },
    ]);
  });
});
