import { describe, expect, it } from 'vitest';
import { bagsOnlyAdded } from '../../../../domains/airline/policy/bags-only-added.ts';
import { call, creditCardOf, findingsOf, findReservation, identify, isUpcoming, methodsOf, traceOf } from './policy-fixtures.ts';

const { reservation, owner } = findReservation((candidate, user) => isUpcoming(candidate) && candidate.nonfree_baggages >= 1 && methodsOf(user, 'credit_card').length > 0);
const userId = reservation.user_id;
const { total_baggages: total, nonfree_baggages: nonfree, reservation_id: id } = reservation;
const bags = (newTotal: number, newNonfree: number) =>
  call('update_reservation_baggages', { reservation_id: id, total_baggages: newTotal, nonfree_baggages: newNonfree, payment_id: creditCardOf(owner) });
const check = (newTotal: number, newNonfree: number) => findingsOf(bagsOnlyAdded, traceOf(userId, [identify(userId), bags(newTotal, newNonfree)]));

describe('bags-only-added', () => {
  it('passes adding a bag', () => {
    expect(check(total + 1, nonfree + 1)).toEqual([]);
  });

  it('flags removing bags, and removing paid bags', () => {
    expect(check(total - 1, nonfree - 1)).toEqual([
      { actionIndex: 1, message: `update_reservation_baggages lowers the checked bags of reservation ${id} from ${total} to ${total - 1}; bags can be added but not removed` },
      { actionIndex: 1, message: `update_reservation_baggages lowers the paid bags of reservation ${id} from ${nonfree} to ${nonfree - 1}; bags already paid for are not removed or refunded` },
    ]);
  });

  it('flags turning paid bags into free ones while adding bags', () => {
    expect(check(total + 1, nonfree - 1)).toEqual([
      { actionIndex: 1, message: `update_reservation_baggages lowers the paid bags of reservation ${id} from ${nonfree} to ${nonfree - 1}; bags already paid for are not removed or refunded` },
    ]);
  });
});
