import { describe, expect, it } from 'vitest';
import { transferEndsConversation } from '../../../../domains/retail/policy/transfer-ends-conversation.ts';
import { cancel, check, getOrder, identifyByEmail, userOf, withStatus } from './policy-fixtures.ts';

const pending = withStatus('pending');
const transfer = { name: 'transfer_to_human_agents', arguments: { summary: 'The user wants a refund to a new card.' } };

describe('transfer-ends-conversation', () => {
  it('passes a transfer as the last action, and a trace without one', () => {
    expect(check(transferEndsConversation, pending.user_id, [identifyByEmail(userOf(pending)), getOrder(pending), transfer])).toEqual([]);
    expect(check(transferEndsConversation, pending.user_id, [identifyByEmail(userOf(pending)), cancel(pending)])).toEqual([]);
  });

  it('names every action after the transfer', () => {
    expect(check(transferEndsConversation, pending.user_id, [identifyByEmail(userOf(pending)), transfer, getOrder(pending), cancel(pending)])).toEqual([
      {
        actionIndex: 2,
        message: `get_order_details on order ${pending.order_id} comes after the transfer to a human agent (actions[1]): the transfer ends the conversation, so it must be the last action.`,
      },
      {
        actionIndex: 3,
        message: `cancel_pending_order on order ${pending.order_id} comes after the transfer to a human agent (actions[1]): the transfer ends the conversation, so it must be the last action.`,
      },
    ]);
  });
});
