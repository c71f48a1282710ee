import { z } from 'zod';
import { defineDomain, defineTool, fail, ok, type DomainData, type DomainState } from '../../src/domain-kit/index.ts';

/** A tiny domain for testing the kit itself: accounts with balances, and notes. */
export type ToyRecords = {
  accounts: { id: string; owner: string; balance: number; tags: string[] };
  notes: { id: string; text: string };
};
type ToyState = DomainState<ToyRecords>;

export const toyData = (): DomainData<ToyRecords> => ({
  accounts: {
    alice: { id: 'alice', owner: 'Alice', balance: 100, tags: ['gold'] },
    bob: { id: 'bob', owner: 'Bob', balance: 20, tags: [] },
    'carol/ü~1': { id: 'carol/ü~1', owner: 'Carol', balance: 0.1, tags: ['new'] },
  },
  notes: {},
});

const getBalance = defineTool({
  name: 'get_balance',
  description: 'Read an account balance.',
  params: z.object({ account_id: z.string().describe('The account id.') }),
  kind: 'read',
  run(state: ToyState, { account_id }) {
    const account = state.get('accounts', account_id);
    return account ? ok({ balance: account.balance }) : fail('Error: account not found');
  },
});

const transfer = defineTool({
  name: 'transfer',
  description: 'Move money between accounts.',
  params: z.object({ from: z.string(), to: z.string(), amount: z.number().positive() }),
  kind: 'write',
  run(state: ToyState, { from, to, amount }) {
    if (!state.has('accounts', from)) return fail('Error: account not found');
    // Debits before it checks the payee, so a failure after a write proves the transaction rolls back.
    const payer = state.edit('accounts', from);
    payer.balance -= amount;
    if (!state.has('accounts', to)) return fail('Error: payee not found');
    if (payer.balance < 0) return fail('Error: insufficient funds');
    state.edit('accounts', to).balance += amount;
    return ok('Transfer done');
  },
});

const addNote = defineTool({
  name: 'add_note',
  description: 'Add a note.',
  params: z.object({ id: z.string(), text: z.string(), priority: z.number().int().optional() }),
  kind: 'write',
  run(state: ToyState, { id, text }) {
    state.insert('notes', id, { id, text });
    return ok({ id, text });
  },
});

const closeAccount = defineTool({
  name: 'close_account',
  description: 'Remove an account.',
  params: z.object({ account_id: z.string() }),
  kind: 'write',
  run(state: ToyState, { account_id }) {
    if (!state.has('accounts', account_id)) return fail('Error: account not found');
    state.remove('accounts', account_id);
    return ok('closed');
  },
});

const handOff = defineTool({
  name: 'hand_off',
  description: 'Transfer to a human.',
  params: z.object({ summary: z.string() }),
  kind: 'terminal',
  run: (_state: ToyState) => ok('Transfer successful'),
});

export const toyDomain = defineDomain<ToyRecords>({
  name: 'toy',
  policy: 'Be nice.',
  recordSchemas: {
    accounts: z.looseObject({ id: z.string(), owner: z.string(), balance: z.number(), tags: z.array(z.string()) }),
    notes: z.looseObject({ id: z.string(), text: z.string() }),
  },
  idFields: { accounts: 'id', notes: 'id' },
  tools: [getBalance, transfer, addNote, closeAccount, handOff],
  loadDefaultData: toyData,
  generateData: async () => toyData(),
});
