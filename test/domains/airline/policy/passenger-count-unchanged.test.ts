import { describe, expect, it } from 'vitest';
import { passengerCountUnchanged } from '../../../../domains/airline/policy/passenger-count-unchanged.ts';
import { call, findingsOf, findReservation, identify, isUpcoming, passengersOf, person, traceOf } from './policy-fixtures.ts';

const { reservation } = findReservation((candidate) => isUpcoming(candidate) && candidate.passengers.length === 2);
const userId = reservation.user_id;
const [first, second] = passengersOf(reservation);
const replace = (passengers: ReturnType<typeof passengersOf>) => call('update_reservation_passengers', { reservation_id: reservation.reservation_id, passengers });

describe('passenger-count-unchanged', () => {
  it('passes replacing one passenger by another', () => {
    expect(findingsOf(passengerCountUnchanged, traceOf(userId, [identify(userId), replace([first!, person('Noor', 'Haddad', '1988-03-04')])]))).toEqual([]);
  });

  it('never sees a count change the tool refused (the call failed and changed nothing)', () => {
    const trace = traceOf(userId, [identify(userId), replace([first!, second!, person('Noor', 'Haddad')])]);
    expect(trace.steps[1]?.result.content).toBe('Error: number of passengers does not match');
    expect(findingsOf(passengerCountUnchanged, trace, true)).toEqual([]);
  });

  it('flags a write whose outcome has a different number of passengers', () => {
    const trace = traceOf(userId, [identify(userId), replace([first!, person('Noor', 'Haddad', '1988-03-04')])]);
    const write = trace.steps[1]!;
    // A tool that let a passenger be dropped: the same trace with one passenger fewer afterwards.
    const after = write.after.fork();
    after.edit('reservations', reservation.reservation_id).passengers.pop();
    const tampered = { ...trace, steps: [trace.steps[0]!, { ...write, after }] };
    expect(findingsOf(passengerCountUnchanged, tampered)).toEqual([
      { actionIndex: 1, message: `update_reservation_passengers changes reservation ${reservation.reservation_id} from 2 passengers to 1; the number of passengers cannot change` },
    ]);
  });
});
