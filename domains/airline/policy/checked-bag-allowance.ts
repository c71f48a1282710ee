import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import { FREE_BAGS_PER_PASSENGER, NONFREE_BAG_PRICE } from '../data/generate-reservations.ts';
import type { AirlineRecords, Cabin, User } from '../schema.ts';
import { bookReservation } from '../tools/book-reservation.ts';
import { updateReservationBaggages } from '../tools/update-reservation-baggages.ts';
import { cabinBefore, cabinInWords, callsOf, countOf, userBefore, type AirlineStep, type Finding } from './airline-trace.ts';

interface BagCount {
  step: AirlineStep;
  membership: User['membership'];
  cabin: Cabin;
  passengers: number;
  total: number;
  nonfree: number;
}

/** The paid bags the allowance implies: every bag beyond the free ones of each passenger. */
export const paidBags = (membership: User['membership'], cabin: Cabin, passengers: number, total: number): number =>
  Math.max(0, total - FREE_BAGS_PER_PASSENGER[membership][cabin] * passengers);

function allowanceProblem({ step, membership, cabin, passengers, total, nonfree }: BagCount): Finding | undefined {
  const expected = paidBags(membership, cabin, passengers, total);
  if (nonfree === expected) return undefined;
  const perPassenger = FREE_BAGS_PER_PASSENGER[membership][cabin];
  return {
    actionIndex: step.index,
    message: `${step.call.name} marks ${nonfree} of ${countOf(total, 'bag')} as paid, but ${cabinInWords(cabin)} passengers of a ${membership} member get ${countOf(perPassenger, 'free bag')} each (${perPassenger * passengers} for ${countOf(passengers, 'passenger')}), so ${expected} should be paid ($${NONFREE_BAG_PRICE} each)`,
  };
}

/**
 * Paid bags follow the allowance: per passenger, by the booking user's membership and the cabin (regular
 * 0/1/2, silver 1/2/3, gold 2/3/3 for basic economy/economy/business); every further bag is paid.
 */
export const checkedBagAllowance = definePolicyRule<AirlineRecords>({
  name: 'checked-bag-allowance',
  description: "The paid (non-free) bags of a reservation are exactly the bags beyond the free allowance of its passengers, which depends on the booking user's membership and the cabin.",
  appliesTo: ['book_reservation', 'update_reservation_baggages'],
  check(trace) {
    const counts: BagCount[] = [];
    for (const { step, args } of callsOf(trace, bookReservation)) {
      const user = userBefore(step, args.user_id);
      if (user) counts.push({ step, membership: user.membership, cabin: args.cabin, passengers: args.passengers.length, total: args.total_baggages, nonfree: args.nonfree_baggages });
    }
    for (const { step, args } of callsOf(trace, updateReservationBaggages)) {
      const reservation = step.before.get('reservations', args.reservation_id);
      const owner = reservation && userBefore(step, reservation.user_id);
      const cabin = reservation && cabinBefore(trace, reservation.reservation_id, step.index);
      if (owner && cabin) {
        counts.push({ step, membership: owner.membership, cabin, passengers: reservation.passengers.length, total: args.total_baggages, nonfree: args.nonfree_baggages });
      }
    }
    return counts.sort((left, right) => left.step.index - right.step.index).flatMap((count) => allowanceProblem(count) ?? []);
  },
});
