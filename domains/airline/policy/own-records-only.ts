import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { AIRLINE_WRITE_TOOLS, stringArgument, succeededWrites, targetReservation, type Finding } from './airline-trace.ts';

/**
 * Every write acts for the user the conversation is with: bookings and certificates name that user,
 * and cancellations and changes touch only that user's reservations.
 */
export const ownRecordsOnly = definePolicyRule<AirlineRecords>({
  name: 'own-records-only',
  description: "Every change acts on the identified user's own account: bookings and certificates are for that user, and only that user's reservations are cancelled or changed.",
  appliesTo: AIRLINE_WRITE_TOOLS,
  check(trace) {
    const findings: Finding[] = [];
    for (const step of succeededWrites(trace)) {
      const userId = stringArgument(step, 'user_id');
      if (userId !== undefined && userId !== trace.userId) {
        const what = step.call.name === 'send_certificate' ? 'sends a certificate to' : 'books for';
        findings.push({ actionIndex: step.index, message: `${step.call.name} ${what} user ${userId}, but the conversation is with user ${trace.userId}` });
      }
      const reservation = targetReservation(step);
      if (reservation && reservation.user_id !== trace.userId) {
        findings.push({
          actionIndex: step.index,
          message: `${step.call.name} acts on reservation ${reservation.reservation_id}, which belongs to user ${reservation.user_id}, not to ${trace.userId} (the user in the conversation)`,
        });
      }
    }
    return findings;
  },
});
