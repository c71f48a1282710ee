import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { bookReservation } from '../tools/book-reservation.ts';
import { updateReservationBaggages } from '../tools/update-reservation-baggages.ts';
import { updateReservationFlights } from '../tools/update-reservation-flights.ts';
import { callsOf, userBefore, type AirlineStep, type AirlineTrace, type Finding } from './airline-trace.ts';

/** Every write that moves money, with the payment ids it charges or refunds. */
function payments(trace: AirlineTrace): Array<{ step: AirlineStep; paymentIds: string[] }> {
  return [
    ...callsOf(trace, bookReservation).map(({ step, args }) => ({ step, paymentIds: args.payment_methods.map((method) => method.payment_id) })),
    ...callsOf(trace, updateReservationBaggages).map(({ step, args }) => ({ step, paymentIds: [args.payment_id] })),
    ...callsOf(trace, updateReservationFlights).map(({ step, args }) => ({ step, paymentIds: [args.payment_id] })),
  ].sort((left, right) => left.step.index - right.step.index);
}

/** Money moves only through payment methods already saved in the identified user's profile. */
export const paymentFromOwnProfile = definePolicyRule<AirlineRecords>({
  name: 'payment-from-own-profile',
  description: "Every payment or refund uses a payment method already saved in the identified user's own profile.",
  appliesTo: ['book_reservation', 'update_reservation_baggages', 'update_reservation_flights'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, paymentIds } of payments(trace)) {
      const wallet = userBefore(step, trace.userId)?.payment_methods ?? {};
      for (const id of new Set(paymentIds)) {
        if (!Object.hasOwn(wallet, id)) {
          findings.push({ actionIndex: step.index, message: `${step.call.name} uses payment method ${id}, which is not in the profile of user ${trace.userId}` });
        }
      }
    }
    return findings;
  },
});
