import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { sendCertificate } from '../tools/send-certificate.ts';
import { callsOf, type Finding } from './airline-trace.ts';
import { caseInWords, compensationFacts } from './compensation-cases.ts';

/**
 * The certificate is worth $100 per passenger for a cancelled flight and $50 per passenger for a delayed
 * one, and each reservation is compensated once for each of the two.
 */
export const compensationAmount = definePolicyRule<AirlineRecords>({
  name: 'compensation-amount',
  description:
    'A compensation certificate is worth $100 times the passengers for a cancelled flight and $50 times the passengers for a delayed one, once per reservation.',
  appliesTo: ['send_certificate'],
  check(trace) {
    const findings: Finding[] = [];
    const given = new Map<string, number>();
    for (const { step, args } of callsOf(trace, sendCertificate)) {
      const eligible = compensationFacts(trace, step.index).cases.filter((entry) => entry.eligible);
      if (eligible.length === 0) continue;
      const key = (entry: (typeof eligible)[number]) => `${entry.reservationId}:${entry.reason}`;
      const matching = eligible.filter((entry) => entry.amount === args.amount);
      const open = matching.find((entry) => !given.has(key(entry)));
      if (open) {
        given.set(key(open), step.index);
        continue;
      }
      const repeated = matching[0];
      if (repeated) {
        findings.push({
          actionIndex: step.index,
          message: `send_certificate compensates the ${repeated.reason} flight of reservation ${repeated.reservationId} again: actions[${given.get(key(repeated))}] already did; each reservation is compensated once`,
        });
        continue;
      }
      const owed = eligible.filter((entry) => !given.has(key(entry)));
      findings.push({
        actionIndex: step.index,
        message: `send_certificate gives $${args.amount}, but ${owed.length > 0 ? `the compensation is ${owed.map(caseInWords).join(', or ')}` : 'every eligible reservation was already compensated'}`,
      });
    }
    return findings;
  },
});
