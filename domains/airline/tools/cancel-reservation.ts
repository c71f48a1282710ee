import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { reservationIdParameter } from './parameters.ts';

export const cancelReservation = defineTool({
  name: 'cancel_reservation',
  description: 'Cancel an entire reservation.',
  params: z.object({ reservation_id: reservationIdParameter }),
  kind: 'write',
  run(state: DomainState<AirlineRecords>, { reservation_id: reservationId }) {
    if (!state.has('reservations', reservationId)) return fail('Error: reservation not found');
    const reservation = state.edit('reservations', reservationId);
    const refunds = reservation.payment_history.map((payment) => ({ payment_id: payment.payment_id, amount: -payment.amount }));
    reservation.payment_history.push(...refunds);
    reservation.status = 'cancelled';
    return ok(reservation);
  },
});
