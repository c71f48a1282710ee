import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { RESERVATION_WRITE_TOOLS, countOf, reservationChanges, type Finding } from './airline-trace.ts';

/**
 * Passengers can be replaced or corrected but never added or removed, not even by a human agent. The
 * passenger tool refuses a different count itself; the rule guards the outcome of every reservation write.
 */
export const passengerCountUnchanged = definePolicyRule<AirlineRecords>({
  name: 'passenger-count-unchanged',
  description: 'The passengers of a reservation can be changed but their number cannot.',
  appliesTo: RESERVATION_WRITE_TOOLS,
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, before, after } of reservationChanges(trace)) {
      if (after.passengers.length !== before.passengers.length) {
        findings.push({
          actionIndex: step.index,
          message: `${step.call.name} changes reservation ${before.reservation_id} from ${countOf(before.passengers.length, 'passenger')} to ${after.passengers.length}; the number of passengers cannot change`,
        });
      }
    }
    return findings;
  },
});
