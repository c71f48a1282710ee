import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { cancelReservation } from '../tools/cancel-reservation.ts';
import { callsOf, type Finding } from './airline-trace.ts';
import { hasTakenOff, segmentInWords, segmentStatus } from './flight-segments.ts';

/** Only a trip none of whose flights has taken off can be cancelled; otherwise the user needs a human agent. */
export const noCancellationAfterFlown = definePolicyRule<AirlineRecords>({
  name: 'no-cancellation-after-flown',
  description: 'A reservation can be cancelled only as a whole and only while none of its flights has taken off; once a segment is used the agent cannot cancel it.',
  appliesTo: ['cancel_reservation'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, cancelReservation)) {
      const reservation = step.before.get('reservations', args.reservation_id);
      const used = reservation?.flights.find((segment) => hasTakenOff(step.before, segment));
      if (!reservation || !used) continue;
      const status = segmentStatus(step.before, used) === 'landed' ? 'has already flown' : 'is in the air';
      findings.push({
        actionIndex: step.index,
        message: `cancel_reservation cancels reservation ${reservation.reservation_id}, but its flight ${segmentInWords(used)} ${status}; a partly used trip cannot be cancelled (transfer the user to a human agent)`,
      });
    }
    return findings;
  },
});
