import { describe, expect, it } from 'vitest';
import { ownRecordsOnly } from '../../../../domains/airline/policy/own-records-only.ts';
import { bookedRecently, call, creditCardOf, findingsOf, findOpenFlight, findReservation, findUser, identify, isUpcoming, person, segment, traceOf } from './policy-fixtures.ts';

const { reservation, owner } = findReservation((candidate) => isUpcoming(candidate) && bookedRecently(candidate));
const userId = reservation.user_id;
const stranger = findUser((user, id) => id !== userId && Object.values(user.payment_methods).some((method) => method.source === 'credit_card'));
const flight = findOpenFlight((candidate) => candidate.seats.economy >= 1);
const booking = (forUser: string, card: string) =>
  call('book_reservation', {
    user_id: forUser,
    origin: flight.origin,
    destination: flight.destination,
    flight_type: 'one_way',
    cabin: 'economy',
    flights: [segment(flight)],
    passengers: [person('Ada', 'Lind')],
    payment_methods: [{ payment_id: card, amount: flight.prices.economy }],
    total_baggages: 0,
    nonfree_baggages: 0,
    insurance: 'no',
  });

describe('own-records-only', () => {
  it("passes writes on the user's own reservation, booking and certificate", () => {
    const trace = traceOf(userId, [
      identify(userId),
      call('cancel_reservation', { reservation_id: reservation.reservation_id }),
      booking(userId, creditCardOf(owner)),
      call('send_certificate', { user_id: userId, amount: 100 }),
    ]);
    expect(findingsOf(ownRecordsOnly, trace)).toEqual([]);
  });

  it("flags a change to another user's reservation", () => {
    const trace = traceOf(stranger.userId, [identify(stranger.userId), call('cancel_reservation', { reservation_id: reservation.reservation_id })]);
    expect(findingsOf(ownRecordsOnly, trace)).toEqual([
      {
        actionIndex: 1,
        message: `cancel_reservation acts on reservation ${reservation.reservation_id}, which belongs to user ${userId}, not to ${stranger.userId} (the user in the conversation)`,
      },
    ]);
  });

  it('flags a booking for another user and a certificate sent to another user', () => {
    const trace = traceOf(userId, [identify(userId), booking(stranger.userId, creditCardOf(stranger.user)), call('send_certificate', { user_id: stranger.userId, amount: 50 })]);
    expect(findingsOf(ownRecordsOnly, trace)).toEqual([
      { actionIndex: 1, message: `book_reservation books for user ${stranger.userId}, but the conversation is with user ${userId}` },
      { actionIndex: 2, message: `send_certificate sends a certificate to user ${stranger.userId}, but the conversation is with user ${userId}` },
    ]);
  });
});
