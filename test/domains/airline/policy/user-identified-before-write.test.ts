import { describe, expect, it } from 'vitest';
import { userIdentifiedBeforeWrite } from '../../../../domains/airline/policy/user-identified-before-write.ts';
import { bookedRecently, call, findingsOf, findReservation, findUser, identify, isUpcoming, lookUp, traceOf } from './policy-fixtures.ts';

const { reservation } = findReservation((candidate) => isUpcoming(candidate) && bookedRecently(candidate));
const userId = reservation.user_id;
const cancel = call('cancel_reservation', { reservation_id: reservation.reservation_id });

describe('user-identified-before-write', () => {
  it('passes when the user was looked up by their user id before the write', () => {
    expect(findingsOf(userIdentifiedBeforeWrite, traceOf(userId, [identify(userId), lookUp(reservation.reservation_id), cancel]))).toEqual([]);
  });

  it('passes a conversation with no write at all', () => {
    expect(findingsOf(userIdentifiedBeforeWrite, traceOf(userId, [lookUp(reservation.reservation_id)]))).toEqual([]);
  });

  it('flags a write made before any identification', () => {
    expect(findingsOf(userIdentifiedBeforeWrite, traceOf(userId, [lookUp(reservation.reservation_id), cancel, identify(userId)]))).toEqual([
      { actionIndex: 1, message: `cancel_reservation runs before the user is identified: first look up user ${userId} with get_user_details` },
    ]);
  });

  it('does not count looking up another user', () => {
    const other = findUser((_, id) => id !== userId).userId;
    expect(findingsOf(userIdentifiedBeforeWrite, traceOf(userId, [identify(other), cancel]))).toEqual([
      { actionIndex: 1, message: `cancel_reservation runs before the user is identified: first look up user ${userId} with get_user_details` },
    ]);
  });

  it('ignores a write that failed (it changed nothing)', () => {
    const trace = traceOf(userId, [call('cancel_reservation', { reservation_id: 'NOPE00' })]);
    expect(findingsOf(userIdentifiedBeforeWrite, trace, true)).toEqual([]);
  });
});
