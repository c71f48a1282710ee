import { describe, expect, it } from 'vitest';
import { oneUserPerConversation } from '../../../../domains/retail/policy/one-user-per-conversation.ts';
import { check, getOrder, getUser, identifyByEmail, identifyByNameZip, otherUsersOrder, userOf, withStatus } from './policy-fixtures.ts';

const order = withStatus('pending');
const user = userOf(order);
const userId = order.user_id;
const otherOrder = otherUsersOrder(order);
const other = userOf(otherOrder);
const refused = `but this conversation is with user ${userId}: requests about any other user are refused`;

describe('one-user-per-conversation', () => {
  it("passes when only the user's own identity, profile and orders are looked up", () => {
    expect(check(oneUserPerConversation, userId, [identifyByEmail(user), identifyByNameZip(user), getUser(userId), getOrder(order)])).toEqual([]);
  });

  it('ignores identifications and order lookups that find nothing', () => {
    expect(check(oneUserPerConversation, userId, [identifyByNameZip(user, '00000'), getOrder({ order_id: '#W0000000' })])).toEqual([]);
  });

  it('names an identification of another user', () => {
    expect(check(oneUserPerConversation, userId, [identifyByEmail(user), identifyByEmail(other)])).toEqual([
      { actionIndex: 1, message: `find_user_id_by_email identifies user ${otherOrder.user_id}, ${refused}.` },
    ]);
    expect(check(oneUserPerConversation, userId, [identifyByNameZip(other)])).toEqual([
      { actionIndex: 0, message: `find_user_id_by_name_zip identifies user ${otherOrder.user_id}, ${refused}.` },
    ]);
  });

  it("names a look at another user's profile, whether or not that user exists", () => {
    expect(check(oneUserPerConversation, userId, [identifyByEmail(user), getUser(otherOrder.user_id), getUser('nobody_0000')])).toEqual([
      { actionIndex: 1, message: `get_user_details reads the profile of user ${otherOrder.user_id}, ${refused}.` },
      { actionIndex: 2, message: `get_user_details reads the profile of user nobody_0000, ${refused}.` },
    ]);
  });

  it("names a look at another user's order", () => {
    expect(check(oneUserPerConversation, userId, [identifyByEmail(user), getOrder(otherOrder)])).toEqual([
      {
        actionIndex: 1,
        message: `get_order_details reads order ${otherOrder.order_id}, which belongs to user ${otherOrder.user_id}, ${refused} (check the order against the user's own order list first).`,
      },
    ]);
  });
});
