import type { DeepReadonly } from '../../../src/domain-kit/index.ts';
import type { Reservation, ReservationFlight, User } from '../schema.ts';
import { cabinInWords, stringArgument, type AirlineTrace } from './airline-trace.ts';
import { segmentInWords, segmentStatus } from './flight-segments.ts';

/** Certificate value per passenger: a flight the airline cancelled, or a delayed flight the user then changed or cancelled. */
export const COMPENSATION_PER_PASSENGER = { cancelled: 100, delayed: 50 } as const;

export type CompensationReason = keyof typeof COMPENSATION_PER_PASSENGER;

/** One thing a user could be compensated for: a reservation and what happened to one of its flights. */
export interface CompensationCase {
  reservationId: string;
  reason: CompensationReason;
  segment: DeepReadonly<ReservationFlight>;
  passengers: number;
  amount: number;
  /** Silver or gold member, travel insurance, or business cabin. */
  eligible: boolean;
  /** The reservation in words, for messages: "economy without travel insurance". */
  terms: string;
}

export interface CompensationFacts {
  cases: CompensationCase[];
  /** Reservations looked up with a delayed flight that were not changed or cancelled before the certificate. */
  delayedButKept: string[];
  membership: User['membership'] | undefined;
}

const reservationTerms = (reservation: DeepReadonly<Reservation>) =>
  `${cabinInWords(reservation.cabin)} ${reservation.insurance === 'yes' ? 'with' : 'without'} travel insurance`;

/** "$100 × 2 passengers = $200 for the cancelled flight HAT001 on 2024-05-16 of reservation ABC123". */
export const caseInWords = (entry: CompensationCase): string =>
  `$${COMPENSATION_PER_PASSENGER[entry.reason]} × ${entry.passengers} passenger${entry.passengers === 1 ? '' : 's'} = $${entry.amount} for the ${entry.reason} flight ${segmentInWords(entry.segment)} of reservation ${entry.reservationId}`;

/**
 * What the user can be compensated for at `stepIndex`: the user's reservations the conversation looked at
 * before it (confirming the facts), each with a flight the airline cancelled, or a delayed flight when
 * the reservation was then changed or cancelled. Reservations are taken as they were before the
 * conversation (a flight change drops the delayed segment; an upgrade does not make a trip business).
 */
export function compensationFacts(trace: AirlineTrace, stepIndex: number): CompensationFacts {
  const step = trace.steps[stepIndex];
  if (!step) return { cases: [], delayedButKept: [], membership: undefined };
  const membership = step.before.get('users', trace.userId)?.membership;
  const lookedUp: string[] = [];
  const changedOrCancelled = new Set<string>();
  for (const earlier of trace.steps.slice(0, stepIndex)) {
    const id = stringArgument(earlier, 'reservation_id');
    if (!earlier.result.ok || id === undefined) continue;
    if (!lookedUp.includes(id)) lookedUp.push(id);
    if (earlier.call.name === 'update_reservation_flights' || earlier.call.name === 'cancel_reservation') changedOrCancelled.add(id);
  }
  const cases: CompensationCase[] = [];
  const delayedButKept: string[] = [];
  for (const id of lookedUp) {
    const reservation = trace.initial.get('reservations', id) ?? step.before.get('reservations', id);
    if (!reservation || reservation.user_id !== trace.userId) continue;
    const eligible = membership === 'silver' || membership === 'gold' || reservation.insurance === 'yes' || reservation.cabin === 'business';
    const base = { reservationId: id, passengers: reservation.passengers.length, eligible, terms: reservationTerms(reservation) };
    const cancelled = reservation.flights.find((segment) => segmentStatus(step.before, segment) === 'cancelled');
    if (cancelled) cases.push({ ...base, reason: 'cancelled', segment: cancelled, amount: COMPENSATION_PER_PASSENGER.cancelled * base.passengers });
    const delayed = reservation.flights.find((segment) => segmentStatus(step.before, segment) === 'delayed');
    if (delayed && changedOrCancelled.has(id)) cases.push({ ...base, reason: 'delayed', segment: delayed, amount: COMPENSATION_PER_PASSENGER.delayed * base.passengers });
    else if (delayed) delayedButKept.push(id);
  }
  return { cases, delayedButKept, membership };
}
