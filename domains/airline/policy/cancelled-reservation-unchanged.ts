import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { RESERVATION_WRITE_TOOLS, succeededWrites, targetReservation, type Finding } from './airline-trace.ts';

/**
 * A cancelled reservation is over: cancelling it again would refund its payments a second time, and
 * changing it makes no sense (the tools allow both).
 */
export const cancelledReservationUnchanged = definePolicyRule<AirlineRecords>({
  name: 'cancelled-reservation-unchanged',
  description: 'A reservation that is already cancelled is neither cancelled again (a second refund) nor changed.',
  appliesTo: RESERVATION_WRITE_TOOLS,
  check(trace) {
    const findings: Finding[] = [];
    for (const step of succeededWrites(trace)) {
      const reservation = targetReservation(step);
      if (reservation?.status !== 'cancelled') continue;
      const what = step.call.name === 'cancel_reservation' ? 'cancels' : 'changes';
      findings.push({
        actionIndex: step.index,
        message: `${step.call.name} ${what} reservation ${reservation.reservation_id}, which is already cancelled${what === 'cancels' ? ': its payments would be refunded twice' : ''}`,
      });
    }
    return findings;
  },
});
