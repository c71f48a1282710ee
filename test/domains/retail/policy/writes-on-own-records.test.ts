import { describe, expect, it } from 'vitest';
import { writesOnOwnRecords } from '../../../../domains/retail/policy/writes-on-own-records.ts';
import { cancel, changeUserAddress, check, firstOrder, identifyByEmail, originalPayment, otherUsersOrder, returnItems, userOf, withStatus } from './policy-fixtures.ts';

const pending = withStatus('pending');
const userId = pending.user_id;
const user = userOf(pending);
const otherOrder = otherUsersOrder(pending);

describe('writes-on-own-records', () => {
  it("passes when writes act on the user's own orders, profile and payment methods", () => {
    expect(check(writesOnOwnRecords, userId, [identifyByEmail(user), changeUserAddress(userId), cancel(pending)])).toEqual([]);
  });

  it("names a write on another user's order", () => {
    expect(check(writesOnOwnRecords, userId, [cancel(otherOrder)])).toEqual([
      {
        actionIndex: 0,
        message: `cancel_pending_order on order ${otherOrder.order_id} acts on an order of user ${otherOrder.user_id}, not of the conversation's user ${userId}: refuse requests about other users' orders.`,
      },
    ]);
  });

  it("names a change of another user's default address", () => {
    expect(check(writesOnOwnRecords, userId, [changeUserAddress(otherOrder.user_id)])).toEqual([
      {
        actionIndex: 0,
        message: `modify_user_address changes the profile of user ${otherOrder.user_id}, not of the conversation's user ${userId}: a user may change only their own default address.`,
      },
    ]);
  });

  it("names a payment method that is not the user's, even when the tool refuses the call", () => {
    const delivered = firstOrder((order) => order.status === 'delivered', 'delivered order');
    const stranger = userOf(otherUsersOrder(delivered, 'delivered'));
    const foreignMethod = Object.keys(stranger.payment_methods)[0] as string;
    const owner = userOf(delivered);
    expect(check(writesOnOwnRecords, delivered.user_id, [returnItems(delivered, [delivered.items[0]?.item_id as string], foreignMethod)])).toEqual([
      {
        actionIndex: 0,
        message: `return_delivered_order_items on order ${delivered.order_id} uses payment method ${foreignMethod}, which is not one of user ${delivered.user_id}'s payment methods (${Object.keys(owner.payment_methods).join(', ')}).`,
      },
    ]);
    expect(check(writesOnOwnRecords, delivered.user_id, [returnItems(delivered, [delivered.items[0]?.item_id as string], originalPayment(delivered))])).toEqual([]);
  });
});
