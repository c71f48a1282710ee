import { describe, expect, it } from 'vitest';
import { cancellationEligibility } from '../../../../domains/airline/policy/cancellation-eligibility.ts';
import { bookedRecently, call, findingsOf, findReservation, identify, isUpcoming, lookUp, statusOf, traceOf, type ReservationRecord } from './policy-fixtures.ts';

const cancel = (reservation: ReservationRecord) => {
  const userId = reservation.user_id;
  return findingsOf(cancellationEligibility, traceOf(userId, [identify(userId), lookUp(reservation.reservation_id), call('cancel_reservation', { reservation_id: reservation.reservation_id })]));
};
const old = (reservation: ReservationRecord) => !bookedRecently(reservation);
const notFlown = (reservation: ReservationRecord) => reservation.flights.every((segment) => statusOf(segment) !== 'landed' && statusOf(segment) !== 'flying');

describe('cancellation-eligibility', () => {
  it('passes a booking from the last 24 hours, whatever its cabin and insurance', () => {
    expect(cancel(findReservation((reservation) => isUpcoming(reservation) && bookedRecently(reservation) && reservation.cabin === 'basic_economy' && reservation.insurance === 'no').reservation)).toEqual([]);
  });

  it('passes a business reservation, an insured one, and one with a flight the airline cancelled', () => {
    expect(cancel(findReservation((reservation) => isUpcoming(reservation) && old(reservation) && reservation.cabin === 'business' && reservation.insurance === 'no').reservation)).toEqual([]);
    expect(cancel(findReservation((reservation) => isUpcoming(reservation) && old(reservation) && reservation.cabin === 'economy' && reservation.insurance === 'yes').reservation)).toEqual([]);
    const airlineCancelled = findReservation(
      (reservation) => old(reservation) && notFlown(reservation) && reservation.cabin !== 'business' && reservation.insurance === 'no' && reservation.flights.some((segment) => statusOf(segment) === 'cancelled'),
    ).reservation;
    expect(cancel(airlineCancelled)).toEqual([]);
  });

  it('flags an economy or basic economy reservation booked long ago, uninsured, with every flight operating', () => {
    for (const cabin of ['economy', 'basic_economy'] as const) {
      const { reservation } = findReservation((candidate) => isUpcoming(candidate) && old(candidate) && candidate.cabin === cabin && candidate.insurance === 'no');
      expect(cancel(reservation)).toEqual([
        {
          actionIndex: 2,
          message: `cancel_reservation cancels reservation ${reservation.reservation_id}, which may not be cancelled: it was booked at ${reservation.created_at} (more than 24 hours before 2024-05-15T15:00:00), none of its flights was cancelled by the airline, and it is ${cabin === 'economy' ? 'economy' : 'basic economy'} without travel insurance`,
        },
      ]);
    }
  });

  it('does not let an upgrade to business earlier in the conversation buy the right to cancel (it would be refunded too)', () => {
    const { reservation, owner } = findReservation(
      (candidate, user) => isUpcoming(candidate) && old(candidate) && candidate.cabin === 'economy' && candidate.insurance === 'no' && Object.values(user.payment_methods).some((method) => method.source === 'credit_card'),
    );
    const card = Object.values(owner.payment_methods).find((method) => method.source === 'credit_card')!.id;
    const userId = reservation.user_id;
    const upgrade = call('update_reservation_flights', { reservation_id: reservation.reservation_id, cabin: 'business', flights: reservation.flights.map(({ flight_number, date }) => ({ flight_number, date })), payment_id: card });
    const trace = traceOf(userId, [identify(userId), upgrade, call('cancel_reservation', { reservation_id: reservation.reservation_id })]);
    expect(findingsOf(cancellationEligibility, trace)).toEqual([
      {
        actionIndex: 2,
        message: `cancel_reservation cancels reservation ${reservation.reservation_id}, which may not be cancelled: it was booked at ${reservation.created_at} (more than 24 hours before 2024-05-15T15:00:00), none of its flights was cancelled by the airline, and it is economy without travel insurance`,
      },
    ]);
  });
});
