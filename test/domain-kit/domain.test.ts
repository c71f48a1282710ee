import { describe, expect, it } from 'vitest';
import { DomainState, InvalidDataError } from '../../src/domain-kit/index.ts';
import { toyData, toyDomain } from './toy-domain.ts';

const freshState = () => new DomainState(toyDomain.createBase(toyData()));

describe('defineDomain: executing tool calls', () => {
  it('runs a valid call and reports the tool kind', () => {
    const state = freshState();
    expect(toyDomain.execute(state, { name: 'get_balance', arguments: { account_id: 'alice' } })).toEqual({ ok: true, content: '{"balance": 100}', kind: 'read' });
    expect(toyDomain.execute(state, { name: 'transfer', arguments: { from: 'alice', to: 'bob', amount: 30 } })).toEqual({ ok: true, content: 'Transfer done', kind: 'write' });
    expect(state.get('accounts', 'bob')?.balance).toBe(50);
  });

  it('returns an unknown tool as an error result, as tau-bench words it', () => {
    expect(toyDomain.execute(freshState(), { name: 'launch_rocket', arguments: {} })).toEqual({ ok: false, content: 'Unknown action launch_rocket', kind: undefined });
  });

  it('names the argument that fails validation, and the unexpected one, without throwing', () => {
    const result = toyDomain.execute(freshState(), { name: 'transfer', arguments: { from: 'alice', to: 7, amount: -1, memo: 'hi' } });
    expect(result.ok).toBe(false);
    expect(result.content).toMatch(/^Error: invalid arguments for transfer: /);
    expect(result.content).toContain('unexpected argument "memo"');
    expect(result.content).toContain('argument "to"');
    expect(result.content).toContain('argument "amount"');
    expect(toyDomain.execute(freshState(), { name: 'transfer', arguments: '{"from":"alice"}' }).content).toBe('Error: invalid arguments for transfer: arguments must be a JSON object');
  });

  it('leaves the state untouched when a tool fails after it started writing', () => {
    const state = freshState();
    const before = state.hash();
    const result = toyDomain.execute(state, { name: 'transfer', arguments: { from: 'alice', to: 'nobody', amount: 30 } });
    expect(result).toEqual({ ok: false, content: 'Error: payee not found', kind: 'write' });
    expect(state.hash()).toBe(before);
    expect(state.get('accounts', 'alice')?.balance).toBe(100);
  });

  it('derives the OpenAI tool schema from the zod params', () => {
    const transfer = toyDomain.toolSchemas().find((tool) => tool.function.name === 'transfer');
    expect(transfer).toMatchObject({
      type: 'function',
      function: {
        name: 'transfer',
        description: 'Move money between accounts.',
        parameters: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, amount: { type: 'number' } }, required: ['from', 'to', 'amount'] },
      },
    });
    expect(toyDomain.toolSchemas()[0]?.function.parameters).toMatchObject({ properties: { account_id: { description: 'The account id.' } } });
    expect(JSON.stringify(toyDomain.toolSchemas())).not.toContain('$schema');
    expect(JSON.stringify(toyDomain.toolSchemas())).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });
});

describe('defineDomain: checking data', () => {
  it('returns valid data unchanged, unknown fields kept', () => {
    const data = toyData() as unknown as { accounts: Record<string, Record<string, unknown>> };
    data.accounts.alice!.extra = { kept: true };
    expect(toyDomain.checkData(data, 'mem')).toBe(data);
  });

  it('names the file, record and field of every problem', () => {
    const data = toyData() as unknown as { accounts: Record<string, Record<string, unknown>>; stray?: unknown };
    data.accounts.bob!.balance = 'lots';
    data.accounts.alice!.id = 'alicia';
    data.stray = {};
    const check = () => toyDomain.checkData(data, 'data/accounts.json');
    expect(check).toThrow(InvalidDataError);
    expect(check).toThrow(/data\/accounts.json: data does not match the domain schema/);
    expect(check).toThrow(/unknown collection "stray"/);
    expect(check).toThrow(/accounts\["bob"\]\.balance: /);
    expect(check).toThrow(/accounts\["alice"\]\.id: is "alicia", expected the key "alice"/);
    expect(() => toyDomain.checkData([], 'x.json')).toThrow(/x.json: expected an object with collections accounts, notes/);
    expect(() => toyDomain.checkData({ accounts: {} }, 'x.json')).toThrow(/notes: missing or not an object/);
  });
});
