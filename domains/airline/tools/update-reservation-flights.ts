import { z } from 'zod';
import { defineTool, fail, keyErrorText, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords, ReservationFlight } from '../schema.ts';
import { priceBookableFlight } from './bookable-flight.ts';
import { cabinParameter, flightSegmentParameter, paymentIdParameter, reservationIdParameter } from './parameters.ts';

export const updateReservationFlights = defineTool({
  name: 'update_reservation_flights',
  description: 'Change the flights of a reservation.',
  params: z.object({
    reservation_id: reservationIdParameter,
    cabin: cabinParameter,
    flights: z
      .array(flightSegmentParameter)
      .describe('Every flight of the reservation as it should be afterwards, one object per segment: segments that stay the same must be listed too.'),
    payment_id: paymentIdParameter,
  }),
  kind: 'write',
  run(state: DomainState<AirlineRecords>, { reservation_id: reservationId, cabin, flights: requested, payment_id: paymentId }) {
    const current = state.get('reservations', reservationId);
    if (!current) return fail('Error: reservation not found');
    const passengerCount = current.passengers.length;

    let totalPrice = 0;
    const flights = structuredClone(requested) as ReservationFlight[];
    for (const flight of flights) {
      // A segment already booked in the same cabin keeps the price it was bought at.
      const kept = cabin === current.cabin ? current.flights.find((booked) => booked.flight_number === flight.flight_number && booked.date === flight.date) : undefined;
      if (kept) {
        totalPrice += kept.price * passengerCount;
        flight.price = kept.price;
        flight.origin = kept.origin;
        flight.destination = kept.destination;
        continue;
      }
      const failure = priceBookableFlight(state, flight, cabin, passengerCount);
      if (failure) return failure;
      totalPrice += flight.price * passengerCount;
    }
    totalPrice -= current.flights.reduce((sum, flight) => sum + flight.price, 0) * passengerCount;

    const owner = state.get('users', current.user_id);
    if (!owner) return fail(keyErrorText(current.user_id));
    const method = Object.hasOwn(owner.payment_methods, paymentId) ? owner.payment_methods[paymentId] : undefined;
    if (!method) return fail('Error: payment method not found');
    if (method.source === 'certificate') return fail('Error: certificate cannot be used to update reservation');
    if (method.source === 'gift_card' && method.amount < totalPrice) return fail('Error: gift card balance is not enough');

    if (method.source === 'gift_card') {
      const giftCard = state.edit('users', current.user_id).payment_methods[paymentId];
      if (giftCard?.source === 'gift_card') giftCard.amount -= totalPrice;
    }
    // The cabin is not written and no seat counts change: tau-bench leaves both as they were.
    const reservation = state.edit('reservations', reservationId);
    reservation.flights = flights;
    if (totalPrice !== 0) reservation.payment_history.push({ payment_id: paymentId, amount: totalPrice });
    return ok(reservation);
  },
});
