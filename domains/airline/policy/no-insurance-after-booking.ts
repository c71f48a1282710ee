import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { RESERVATION_WRITE_TOOLS, reservationChanges, type Finding } from './airline-trace.ts';

/**
 * Travel insurance is bought with the booking or not at all. No tool adds it today; the rule guards the
 * outcome, so a tool that could would still be caught.
 */
export const noInsuranceAfterBooking = definePolicyRule<AirlineRecords>({
  name: 'no-insurance-after-booking',
  description: 'Travel insurance cannot be added to a reservation after it was booked.',
  appliesTo: RESERVATION_WRITE_TOOLS,
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, before, after } of reservationChanges(trace)) {
      if (before.insurance === 'no' && after.insurance === 'yes') {
        findings.push({ actionIndex: step.index, message: `${step.call.name} adds travel insurance to reservation ${before.reservation_id}; insurance can only be bought when booking` });
      }
    }
    return findings;
  },
});
