import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { sendCertificate } from '../tools/send-certificate.ts';
import { callsOf, type Finding } from './airline-trace.ts';
import { compensationFacts } from './compensation-cases.ts';

/**
 * A certificate is a gesture for a confirmed complaint: a flight of a reservation the agent looked up was
 * cancelled by the airline, or was delayed and the reservation was then changed or cancelled; and the
 * user is a silver or gold member, or the reservation is insured or business class.
 */
export const compensationEligibility = definePolicyRule<AirlineRecords>({
  name: 'compensation-eligibility',
  description:
    'A certificate is sent only for a reservation looked up first that has a flight cancelled by the airline, or a delayed flight after the reservation was changed or cancelled, and only if the user is silver or gold, or the reservation has travel insurance or is business class.',
  appliesTo: ['send_certificate'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, sendCertificate)) {
      const { cases, delayedButKept, membership } = compensationFacts(trace, step.index);
      const gives = `send_certificate gives user ${args.user_id} a $${args.amount} certificate`;
      if (cases.length === 0) {
        const kept = delayedButKept.length > 0 ? ` (reservation ${delayedButKept.join(', ')} has a delayed flight but was not changed or cancelled first)` : '';
        findings.push({
          actionIndex: step.index,
          message: `${gives}, but no reservation looked up before it has a flight cancelled by the airline, or a delayed flight after which the reservation was changed or cancelled${kept}; compensation is only for those`,
        });
        continue;
      }
      if (cases.some((entry) => entry.eligible)) continue;
      const reservations = [...new Set(cases.map((entry) => `reservation ${entry.reservationId} is ${entry.terms}`))].join(', and ');
      findings.push({
        actionIndex: step.index,
        message: `${gives}, but the user is a ${membership ?? 'regular'} member and ${reservations}; compensation needs a silver or gold member, travel insurance or a business cabin`,
      });
    }
    return findings;
  },
});
