import { describe, expect, it } from 'vitest';
import { cancelReasonAllowed } from '../../../../domains/retail/policy/cancel-reason-allowed.ts';
import { cancel, check, withStatus } from './policy-fixtures.ts';

const pending = withStatus('pending');
const accepted = "the only accepted reasons are 'no longer needed' or 'ordered by mistake'.";

describe('cancel-reason-allowed', () => {
  it.each(['no longer needed', 'ordered by mistake'])('passes a cancellation because "%s"', (reason) => {
    expect(check(cancelReasonAllowed, pending.user_id, [cancel(pending, reason)])).toEqual([]);
  });

  it('names any other reason, though the tool already refuses it', () => {
    expect(check(cancelReasonAllowed, pending.user_id, [cancel(pending, 'found it cheaper elsewhere')])).toEqual([
      { actionIndex: 0, message: `cancel_pending_order on order ${pending.order_id} gives the reason 'found it cheaper elsewhere': ${accepted}` },
    ]);
  });

  it('names a cancellation without a reason', () => {
    expect(check(cancelReasonAllowed, pending.user_id, [{ name: 'cancel_pending_order', arguments: { order_id: pending.order_id } }])).toEqual([
      { actionIndex: 0, message: `cancel_pending_order on order ${pending.order_id} gives no reason: ${accepted}` },
    ]);
  });
});
