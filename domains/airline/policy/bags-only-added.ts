import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { updateReservationBaggages } from '../tools/update-reservation-baggages.ts';
import { callsOf, type Finding } from './airline-trace.ts';

/** Checked bags can be added to a reservation, never removed (the tool accepts any count). */
export const bagsOnlyAdded = definePolicyRule<AirlineRecords>({
  name: 'bags-only-added',
  description: 'Checked bags can be added to a reservation but not removed: neither its total nor its paid bags may go down.',
  appliesTo: ['update_reservation_baggages'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, updateReservationBaggages)) {
      const reservation = step.before.get('reservations', args.reservation_id);
      if (!reservation) continue;
      if (args.total_baggages < reservation.total_baggages) {
        findings.push({
          actionIndex: step.index,
          message: `update_reservation_baggages lowers the checked bags of reservation ${reservation.reservation_id} from ${reservation.total_baggages} to ${args.total_baggages}; bags can be added but not removed`,
        });
      }
      if (args.nonfree_baggages < reservation.nonfree_baggages) {
        findings.push({
          actionIndex: step.index,
          message: `update_reservation_baggages lowers the paid bags of reservation ${reservation.reservation_id} from ${reservation.nonfree_baggages} to ${args.nonfree_baggages}; bags already paid for are not removed or refunded`,
        });
      }
    }
    return findings;
  },
});
