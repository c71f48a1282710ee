import { describe, expect, it } from 'vitest';
import { retail } from '../../../../domains/retail/index.ts';
import { fixtureState, runTool } from '../fixture.ts';

/** A valid call of every tool, and one of its parameters to send with the wrong type. */
const validCalls: Record<string, { args: Record<string, unknown>; wrongType: [string, unknown] }> = {
  calculate: { args: { expression: '1 + 1' }, wrongType: ['expression', 2] },
  cancel_pending_order: { args: { order_id: '#W1000001', reason: 'no longer needed' }, wrongType: ['order_id', 1000001] },
  exchange_delivered_order_items: {
    args: { order_id: '#W1000002', item_ids: ['8426249116'], new_item_ids: ['4274709903'], payment_method_id: 'credit_card_2222222' },
    wrongType: ['item_ids', '8426249116'],
  },
  find_user_id_by_email: { args: { email: 'olivia.lee1234@example.com' }, wrongType: ['email', null] },
  find_user_id_by_name_zip: { args: { first_name: 'Olivia', last_name: 'Lee', zip: '10001' }, wrongType: ['zip', 10001] },
  get_order_details: { args: { order_id: '#W1000001' }, wrongType: ['order_id', ['#W1000001']] },
  get_product_details: { args: { product_id: '1656367028' }, wrongType: ['product_id', 1656367028] },
  get_user_details: { args: { user_id: 'noah_kim_5678' }, wrongType: ['user_id', { id: 'noah_kim_5678' }] },
  list_all_product_types: { args: {}, wrongType: ['', undefined] },
  modify_pending_order_address: {
    args: { order_id: '#W1000001', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' },
    wrongType: ['zip', 95014],
  },
  modify_pending_order_items: {
    args: { order_id: '#W1000001', item_ids: ['1151293680'], new_item_ids: ['7706410293'], payment_method_id: 'credit_card_2222222' },
    wrongType: ['new_item_ids', [7706410293]],
  },
  modify_pending_order_payment: { args: { order_id: '#W1000004', payment_method_id: 'paypal_3333333' }, wrongType: ['payment_method_id', true] },
  modify_user_address: {
    args: { user_id: 'noah_kim_5678', address1: '1 Infinite Loop', address2: '', city: 'Cupertino', state: 'CA', country: 'USA', zip: '95014' },
    wrongType: ['state', 5],
  },
  return_delivered_order_items: { args: { order_id: '#W1000002', item_ids: ['3453331371'], payment_method_id: 'credit_card_2222222' }, wrongType: ['order_id', 7] },
  think: { args: { thought: 'hm' }, wrongType: ['thought', 42] },
  transfer_to_human_agents: { args: { summary: 'Wants a human.' }, wrongType: ['summary', ['a', 'b']] },
};

describe('retail tool arguments', () => {
  it('has a valid call for every tool', () => {
    expect(Object.keys(validCalls).sort()).toEqual(retail.tools.map((tool) => tool.name).sort());
  });

  for (const [name, { args, wrongType }] of Object.entries(validCalls)) {
    describe(name, () => {
      it('accepts its valid call', () => {
        expect(runTool(fixtureState(), name, args).ok).toBe(true);
      });

      it('refuses an argument it does not know, naming it, and changes nothing', () => {
        const state = fixtureState();
        const hash = state.hash();
        const result = runTool(state, name, { ...args, user_note: 'please hurry' });
        expect(result.ok).toBe(false);
        expect(result.content).toContain(`Error: invalid arguments for ${name}`);
        expect(result.content).toContain('"user_note"');
        expect(state.hash()).toBe(hash);
      });

      const [parameter, wrongValue] = wrongType;
      it.skipIf(parameter === '')('refuses a wrong type, naming the argument, and changes nothing', () => {
        const state = fixtureState();
        const hash = state.hash();
        const result = runTool(state, name, { ...args, [parameter]: wrongValue });
        expect(result.ok).toBe(false);
        expect(result.content).toContain(`Error: invalid arguments for ${name}: argument "${parameter}`);
        expect(state.hash()).toBe(hash);
      });

      it.skipIf(Object.keys(args).length === 0)('refuses a missing argument, naming it', () => {
        const [first] = Object.keys(args);
        const { [first!]: _dropped, ...rest } = args;
        const result = runTool(fixtureState(), name, rest);
        expect(result.ok).toBe(false);
        expect(result.content).toContain(`argument "${first}"`);
      });
    });
  }

  it('refuses a cancellation reason outside the two allowed ones before looking at the order', () => {
    const result = runTool(fixtureState(), 'cancel_pending_order', { order_id: '#W9999999', reason: 'found it cheaper' });
    expect(result.ok).toBe(false);
    expect(result.content).toContain('argument "reason"');
  });

  it('still carries tau-bench\'s own "invalid reason" check for callers that bypass argument validation', () => {
    const tool = retail.tool('cancel_pending_order')!;
    const state = fixtureState();
    const hash = state.hash();
    expect(tool.run(state, { order_id: '#W1000001', reason: 'found it cheaper' })).toEqual({ ok: false, content: 'Error: invalid reason' });
    expect(state.hash()).toBe(hash);
  });
});
