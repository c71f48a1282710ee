import { z } from 'zod';
import { defineTool, fail, keyErrorText, ok, pythonNumberText, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords, Reservation, ReservationFlight } from '../schema.ts';
import { priceBookableFlight } from './bookable-flight.ts';
import { cabinParameter, flightSegmentParameter, passengersParameter, paymentIdParameter, userIdParameter } from './parameters.ts';

/** tau-bench's clock: every booking is made at the same moment. */
export const bookingTime = '2024-05-15T15:00:00';

/** The ids a new reservation may take, first free one wins (the last is reused when all exist). */
export const newReservationIds = ['HATHAT', 'HATHAU', 'HATHAV'] as const;

export const bookReservation = defineTool({
  name: 'book_reservation',
  description: 'Make a new reservation for a user.',
  params: z.object({
    user_id: userIdParameter.describe("The ID of the user who books, such as 'sara_doe_496'."),
    origin: z.string().describe("The IATA code of the city the trip starts from, such as 'SFO'."),
    destination: z.string().describe("The IATA code of the city the trip goes to, such as 'JFK'."),
    flight_type: z.enum(['one_way', 'round_trip']),
    cabin: cabinParameter,
    flights: z.array(flightSegmentParameter).describe('Every flight of the trip: one object per flight segment.'),
    passengers: passengersParameter,
    payment_methods: z
      .array(
        z.looseObject({
          payment_id: paymentIdParameter,
          amount: z.number().describe('How much to charge to this payment method.'),
        }),
      )
      .describe('How the booking is paid: one object per payment method used.'),
    total_baggages: z.number().int().describe('How many bags the reservation includes in total.'),
    nonfree_baggages: z.number().int().describe('How many of those bags are paid for.'),
    insurance: z.enum(['yes', 'no']),
  }),
  kind: 'write',
  run(state: DomainState<AirlineRecords>, args) {
    const { user_id: userId, cabin, passengers, payment_methods: payments } = args;
    if (!state.has('users', userId)) return fail('Error: user not found');
    const reservationId: string = newReservationIds.find((id) => !state.has('reservations', id)) ?? newReservationIds[2];

    const flights: ReservationFlight[] = structuredClone(args.flights) as ReservationFlight[];
    let totalPrice = 0;
    let priceIsFloat = false;
    for (const flight of flights) {
      const failure = priceBookableFlight(state, flight, cabin, passengers.length);
      if (failure) return failure;
      priceIsFloat ||= !Number.isInteger(flight.price);
      totalPrice += flight.price * passengers.length;
    }
    if (args.insurance === 'yes') totalPrice += 30 * passengers.length;
    totalPrice += 50 * args.nonfree_baggages;

    const user = state.get('users', userId)!;
    for (const { payment_id: paymentId, amount } of payments) {
      const method = Object.hasOwn(user.payment_methods, paymentId) ? user.payment_methods[paymentId] : undefined;
      if (!method) return fail(`Error: payment method ${paymentId} not found`);
      if ((method.source === 'gift_card' || method.source === 'certificate') && method.amount < amount) {
        return fail(`Error: not enough balance in payment method ${paymentId}`);
      }
    }
    const paid = payments.reduce((sum, payment) => sum + payment.amount, 0);
    if (paid !== totalPrice) {
      const paidIsFloat = payments.some((payment) => !Number.isInteger(payment.amount));
      return fail(
        `Error: payment amount does not add up, total price is ${pythonNumberText(totalPrice, priceIsFloat)}, but paid ${pythonNumberText(paid, paidIsFloat)}`,
      );
    }

    const wallet = state.edit('users', userId);
    for (const { payment_id: paymentId, amount } of payments) {
      const method = Object.hasOwn(wallet.payment_methods, paymentId) ? wallet.payment_methods[paymentId] : undefined;
      // Paying twice with one certificate: tau-bench deleted it on the first use and raises KeyError.
      if (!method) return fail(keyErrorText(paymentId));
      if (method.source === 'gift_card') method.amount -= amount;
      else if (method.source === 'certificate') delete wallet.payment_methods[paymentId];
    }

    const reservation: Reservation = {
      reservation_id: reservationId,
      user_id: userId,
      origin: args.origin,
      destination: args.destination,
      flight_type: args.flight_type,
      cabin,
      flights,
      passengers,
      payment_history: payments,
      created_at: bookingTime,
      total_baggages: args.total_baggages,
      nonfree_baggages: args.nonfree_baggages,
      insurance: args.insurance,
    };
    state.insert('reservations', reservationId, reservation);
    wallet.reservations.push(reservationId);
    return ok(reservation);
  },
});
