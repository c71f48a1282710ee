import { describe, expect, it } from 'vitest';
import { noCancellationAfterFlown } from '../../../../domains/airline/policy/no-cancellation-after-flown.ts';
import { call, findingsOf, findReservation, identify, isUpcoming, statusOf, traceOf, type ReservationRecord } from './policy-fixtures.ts';

const cancel = (reservation: ReservationRecord) => {
  const userId = reservation.user_id;
  return findingsOf(noCancellationAfterFlown, traceOf(userId, [identify(userId), call('cancel_reservation', { reservation_id: reservation.reservation_id })]));
};

describe('no-cancellation-after-flown', () => {
  it('passes a trip none of whose flights has left, even one whose flight the airline cancelled', () => {
    expect(cancel(findReservation((reservation) => isUpcoming(reservation)).reservation)).toEqual([]);
    const cancelledFlight = findReservation((reservation) => reservation.flights.some((segment) => statusOf(segment) === 'cancelled') && reservation.flights.every((segment) => ['cancelled', 'available'].includes(statusOf(segment) ?? ''))).reservation;
    expect(cancel(cancelledFlight)).toEqual([]);
  });

  it('flags a trip whose first flight has landed', () => {
    const { reservation } = findReservation((candidate) => statusOf(candidate.flights[0]!) === 'landed' && candidate.flights.some((segment) => statusOf(segment) === 'available'));
    const flown = reservation.flights[0]!;
    expect(cancel(reservation)).toEqual([
      {
        actionIndex: 1,
        message: `cancel_reservation cancels reservation ${reservation.reservation_id}, but its flight ${flown.flight_number} on ${flown.date} has already flown; a partly used trip cannot be cancelled (transfer the user to a human agent)`,
      },
    ]);
  });

  it('flags a trip whose flight is in the air', () => {
    const { reservation } = findReservation((candidate) => statusOf(candidate.flights[0]!) === 'flying');
    const flying = reservation.flights[0]!;
    expect(cancel(reservation)).toEqual([
      {
        actionIndex: 1,
        message: `cancel_reservation cancels reservation ${reservation.reservation_id}, but its flight ${flying.flight_number} on ${flying.date} is in the air; a partly used trip cannot be cancelled (transfer the user to a human agent)`,
      },
    ]);
  });
});
