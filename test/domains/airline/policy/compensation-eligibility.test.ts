import { describe, expect, it } from 'vitest';
import { compensationEligibility } from '../../../../domains/airline/policy/compensation-eligibility.ts';
import { call, findingsOf, findReservation, identify, lookUp, statusOf, traceOf, type ReservationRecord, type UserRecord } from './policy-fixtures.ts';

const hasFlight = (reservation: ReservationRecord, status: string) => reservation.flights.some((segment) => statusOf(segment) === status);
const notFlown = (reservation: ReservationRecord) => reservation.flights.every((segment) => statusOf(segment) !== 'landed' && statusOf(segment) !== 'flying');
const entitled = (reservation: ReservationRecord, owner: UserRecord) => owner.membership !== 'regular' || reservation.insurance === 'yes' || reservation.cabin === 'business';

const cancelledForMember = findReservation((reservation, owner) => hasFlight(reservation, 'cancelled') && owner.membership === 'silver');
const cancelledForRegular = findReservation((reservation, owner) => hasFlight(reservation, 'cancelled') && !entitled(reservation, owner));
const delayed = findReservation((reservation, owner) => hasFlight(reservation, 'delayed') && notFlown(reservation) && entitled(reservation, owner) && (reservation.cabin === 'business' || reservation.insurance === 'yes'));

const certificate = (userId: string, amount: number) => call('send_certificate', { user_id: userId, amount });
const check = (userId: string, calls: ReturnType<typeof call>[]) => findingsOf(compensationEligibility, traceOf(userId, [identify(userId), ...calls]));

describe('compensation-eligibility', () => {
  it("passes a silver member's certificate for a looked-up reservation with a cancelled flight", () => {
    const { reservation } = cancelledForMember;
    expect(check(reservation.user_id, [lookUp(reservation.reservation_id), certificate(reservation.user_id, 100 * reservation.passengers.length)])).toEqual([]);
  });

  it('passes a certificate for a delayed flight once the reservation was cancelled', () => {
    const { reservation } = delayed;
    const calls = [lookUp(reservation.reservation_id), call('cancel_reservation', { reservation_id: reservation.reservation_id }), certificate(reservation.user_id, 50 * reservation.passengers.length)];
    expect(check(reservation.user_id, calls)).toEqual([]);
  });

  it('flags a certificate before the facts were confirmed (no reservation looked up)', () => {
    const { reservation } = cancelledForMember;
    expect(check(reservation.user_id, [certificate(reservation.user_id, 100)])).toEqual([
      {
        actionIndex: 1,
        message: `send_certificate gives user ${reservation.user_id} a $100 certificate, but no reservation looked up before it has a flight cancelled by the airline, or a delayed flight after which the reservation was changed or cancelled; compensation is only for those`,
      },
    ]);
  });

  it('flags a certificate for a delayed flight when the reservation was neither changed nor cancelled', () => {
    const { reservation } = delayed;
    expect(check(reservation.user_id, [lookUp(reservation.reservation_id), certificate(reservation.user_id, 50)])).toEqual([
      {
        actionIndex: 2,
        message: `send_certificate gives user ${reservation.user_id} a $50 certificate, but no reservation looked up before it has a flight cancelled by the airline, or a delayed flight after which the reservation was changed or cancelled (reservation ${reservation.reservation_id} has a delayed flight but was not changed or cancelled first); compensation is only for those`,
      },
    ]);
  });

  it('flags compensation for a regular member flying (basic) economy without insurance', () => {
    const { reservation } = cancelledForRegular;
    const cabin = reservation.cabin === 'economy' ? 'economy' : 'basic economy';
    expect(check(reservation.user_id, [lookUp(reservation.reservation_id), certificate(reservation.user_id, 100)])).toEqual([
      {
        actionIndex: 2,
        message: `send_certificate gives user ${reservation.user_id} a $100 certificate, but the user is a regular member and reservation ${reservation.reservation_id} is ${cabin} without travel insurance; compensation needs a silver or gold member, travel insurance or a business cabin`,
      },
    ]);
  });
});
