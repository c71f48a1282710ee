import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { passengersParameter, reservationIdParameter } from './parameters.ts';

export const updateReservationPassengers = defineTool({
  name: 'update_reservation_passengers',
  description: 'Change the details of the passengers on a reservation.',
  params: z.object({
    reservation_id: reservationIdParameter,
    passengers: passengersParameter.describe('Every passenger of the reservation: one object per person.'),
  }),
  kind: 'write',
  run(state: DomainState<AirlineRecords>, { reservation_id: reservationId, passengers }) {
    const current = state.get('reservations', reservationId);
    if (!current) return fail('Error: reservation not found');
    if (passengers.length !== current.passengers.length) return fail('Error: number of passengers does not match');
    const reservation = state.edit('reservations', reservationId);
    reservation.passengers = passengers;
    return ok(reservation);
  },
});
