import { describe, expect, it } from 'vitest';
import { isRefusal, mentionsAction } from '../../../src/rollout/grading/refusals.ts';

describe('refusals, recognised conservatively', () => {
  it('a reply that opens with a negative refuses', () => {
    for (const reply of ['No.', 'No, do not cancel. ###STOP###', 'no thanks', 'Nope', "Don't do that.", 'Don’t cancel it', 'Do not change anything.', "Please don't.", 'Cancel that, please.', 'Stop, I changed my mind.', '  "No"']) {
      expect(isRefusal(reply), reply).toBe(true);
    }
  });

  it('agreement, "no problem", or a negative later in the reply is no refusal', () => {
    for (const reply of ['Yes, please go ahead.', 'No problem, go ahead.', 'No worries, proceed.', "Yes, and no rush.", 'I do not mind, go ahead.', 'Sure. ###STOP###', '###STOP###', 'Nobody else needs it, go ahead.']) {
      expect(isRefusal(reply), reply).toBe(false);
    }
  });

  it("ties a confirmation request to a write by the tool's name or its verb", () => {
    expect(mentionsAction('To do this I will call cancel_pending_order with {...}. Do you confirm (yes/no)?', 'cancel_pending_order')).toBe(true);
    expect(mentionsAction('Shall I proceed with the cancellation?', 'cancel_pending_order')).toBe(true);
    expect(mentionsAction('Shall I modify the address?', 'modify_pending_order_address')).toBe(true);
    expect(mentionsAction('Shall I update the address?', 'update_reservation_flights')).toBe(true);
    expect(mentionsAction('Would you like me to check your other order?', 'cancel_pending_order')).toBe(false);
  });
});
