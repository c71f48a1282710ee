import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { cancelReservation } from '../tools/cancel-reservation.ts';
import { cabinInWords, callsOf, type Finding } from './airline-trace.ts';
import { segmentStatus } from './flight-segments.ts';
import { bookedWithinLastDay, POLICY_NOW } from './policy-clock.ts';

/**
 * A reservation may be cancelled when it was booked in the last 24 hours, when the airline cancelled one
 * of its flights, when it is business class, or when it is insured (and the reason is one the insurance
 * covers: health or weather — the reason is said in the conversation, so the trace cannot show it).
 * The cabin is the one the reservation records (as booked), never one bought earlier in the same conversation.
 */
export const cancellationEligibility = definePolicyRule<AirlineRecords>({
  name: 'cancellation-eligibility',
  description:
    'A reservation can be cancelled only if it was booked within the last 24 hours, the airline cancelled one of its flights, it is business class, or it has travel insurance and the reason is covered.',
  appliesTo: ['cancel_reservation'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, cancelReservation)) {
      const reservation = step.before.get('reservations', args.reservation_id);
      if (!reservation) continue;
      // The cabin as booked: an upgrade earlier in the conversation would be refunded with the rest, so it cannot buy a right to cancel.
      const { cabin } = reservation;
      const allowed =
        bookedWithinLastDay(reservation.created_at) ||
        reservation.flights.some((segment) => segmentStatus(step.before, segment) === 'cancelled') ||
        cabin === 'business' ||
        reservation.insurance === 'yes';
      if (allowed) continue;
      findings.push({
        actionIndex: step.index,
        message: `cancel_reservation cancels reservation ${reservation.reservation_id}, which may not be cancelled: it was booked at ${reservation.created_at} (more than 24 hours before ${POLICY_NOW}), none of its flights was cancelled by the airline, and it is ${cabinInWords(cabin)} without travel insurance`,
      });
    }
    return findings;
  },
});
