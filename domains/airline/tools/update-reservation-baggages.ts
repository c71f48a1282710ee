import { z } from 'zod';
import { defineTool, fail, keyErrorText, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { paymentIdParameter, reservationIdParameter } from './parameters.ts';

export const updateReservationBaggages = defineTool({
  name: 'update_reservation_baggages',
  description: 'Change the number of bags on a reservation.',
  params: z.object({
    reservation_id: reservationIdParameter,
    total_baggages: z.number().int().describe('The new total number of bags on the reservation.'),
    nonfree_baggages: z.number().int().describe('The new number of those bags that are paid for.'),
    payment_id: paymentIdParameter,
  }),
  kind: 'write',
  run(state: DomainState<AirlineRecords>, { reservation_id: reservationId, total_baggages: totalBags, nonfree_baggages: paidBags, payment_id: paymentId }) {
    const current = state.get('reservations', reservationId);
    if (!current) return fail('Error: reservation not found');
    const price = 50 * Math.max(0, paidBags - current.nonfree_baggages);
    const owner = state.get('users', current.user_id);
    if (!owner) return fail(keyErrorText(current.user_id));
    const method = Object.hasOwn(owner.payment_methods, paymentId) ? owner.payment_methods[paymentId] : undefined;
    if (!method) return fail('Error: payment method not found');
    if (method.source === 'certificate') return fail('Error: certificate cannot be used to update reservation');
    if (method.source === 'gift_card' && method.amount < price) return fail('Error: gift card balance is not enough');

    const reservation = state.edit('reservations', reservationId);
    reservation.total_baggages = totalBags;
    reservation.nonfree_baggages = paidBags;
    if (method.source === 'gift_card') {
      const giftCard = state.edit('users', current.user_id).payment_methods[paymentId];
      if (giftCard?.source === 'gift_card') giftCard.amount -= price;
    }
    if (price !== 0) reservation.payment_history.push({ payment_id: paymentId, amount: price });
    return ok(reservation);
  },
});
