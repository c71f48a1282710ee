import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';

export const getReservationDetails = defineTool({
  name: 'get_reservation_details',
  description: 'Show the details of one reservation.',
  params: z.object({ reservation_id: z.string().describe("The reservation's ID, such as '8JX2WO'.") }),
  kind: 'read',
  run(state: DomainState<AirlineRecords>, { reservation_id: reservationId }) {
    const reservation = state.get('reservations', reservationId);
    // tau-bench's text for a missing reservation names the user.
    return reservation ? ok(reservation) : fail('Error: user not found');
  },
});
