import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaseState, DomainState, UnknownRecordError } from '../../src/domain-kit/index.ts';
import { toyData, type ToyRecords } from './toy-domain.ts';

const newBase = () => new BaseState<ToyRecords>(toyData());

describe('copy-on-write domain state', () => {
  it('shares unwritten records with the base and copies a record on its first write', () => {
    const base = newBase();
    const state = new DomainState(base);
    expect(state.get('accounts', 'bob')).toBe(base.get('accounts', 'bob'));
    const alice = state.edit('accounts', 'alice');
    alice.balance = 5;
    expect(state.get('accounts', 'alice')?.balance).toBe(5);
    expect(base.get('accounts', 'alice')?.balance).toBe(100);
    expect(state.edit('accounts', 'alice')).toBe(alice);
    expect(state.get('accounts', 'bob')).toBe(base.get('accounts', 'bob'));
  });

  it('freezes the base so a stray write throws instead of leaking into every fork', () => {
    const state = new DomainState(newBase());
    const bob = state.get('accounts', 'bob') as unknown as { balance: number };
    expect(() => {
      bob.balance = 1;
    }).toThrow(TypeError);
  });

  it('iterates in data order with added records last and removed ones gone', () => {
    const state = new DomainState(newBase());
    state.insert('accounts', 'aaron', { id: 'aaron', owner: 'Aaron', balance: 0, tags: [] });
    state.remove('accounts', 'bob');
    expect([...state.entries('accounts')].map(([id]) => id)).toEqual(['alice', 'carol/ü~1', 'aaron']);
  });

  it('names the record when editing or removing one that does not exist', () => {
    const state = new DomainState(newBase());
    expect(() => state.edit('accounts', 'nobody')).toThrow(UnknownRecordError);
    expect(() => state.remove('accounts', 'nobody')).toThrow(/no record "nobody" in collection "accounts"/);
  });

  it('rolls back every write of a transaction that is not kept', () => {
    const state = new DomainState(newBase());
    state.edit('accounts', 'alice').balance = 50;
    const before = state.hash();
    state.transaction(
      () => {
        state.edit('accounts', 'alice').balance = 0;
        state.insert('notes', 'n', { id: 'n', text: 't' });
        state.remove('accounts', 'bob');
      },
      () => false,
    );
    expect(state.hash()).toBe(before);
    expect(state.get('accounts', 'alice')?.balance).toBe(50);
    expect(state.has('accounts', 'bob')).toBe(true);
    expect(state.has('notes', 'n')).toBe(false);
  });

  it('keeps two forks apart over random write sequences (property)', () => {
    const base = newBase();
    const ids = ['alice', 'bob', 'carol/ü~1', 'dave'];
    const write = fc.record({
      fork: fc.constantFrom(0, 1, 2),
      id: fc.constantFrom(...ids),
      kind: fc.constantFrom('edit', 'tag', 'insert', 'remove', 'fork-again'),
      value: fc.integer({ min: -1000, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 40 }), (writes) => {
        // Each fork's writes are mirrored on a plain deep copy: the model of what that fork should see.
        const root = new DomainState(base);
        const forks = [root, root.fork(), root.fork()];
        const models = forks.map(() => structuredClone(toyData()));
        for (const step of writes) {
          const state = forks[step.fork] as DomainState<ToyRecords>;
          const model = models[step.fork]!.accounts;
          const exists = state.has('accounts', step.id);
          if (step.kind === 'edit' && exists) {
            state.edit('accounts', step.id).balance = step.value;
            model[step.id]!.balance = step.value;
          } else if (step.kind === 'tag' && exists) {
            state.edit('accounts', step.id).tags.push(String(step.value));
            model[step.id]!.tags.push(String(step.value));
          } else if (step.kind === 'insert') {
            state.insert('accounts', step.id, { id: step.id, owner: 'X', balance: step.value, tags: [] });
            model[step.id] = { id: step.id, owner: 'X', balance: step.value, tags: [] };
          } else if (step.kind === 'remove' && exists) {
            state.remove('accounts', step.id);
            delete model[step.id];
          } else if (step.kind === 'fork-again') {
            // Replace this fork by a fork of itself: the child must start equal and stay independent.
            forks[step.fork] = state.fork();
          }
        }
        forks.forEach((state, index) => {
          const seen = Object.fromEntries([...state.entries('accounts')].map(([id, record]) => [id, record]));
          const expected = models[index]!.accounts as object;
          expect(Object.keys(seen).sort()).toEqual(Object.keys(expected).sort());
          expect(seen).toEqual(expected);
        });
        expect(Object.fromEntries([...new DomainState(base).entries('accounts')])).toEqual(toyData().accounts);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('keyed lookups (valuesWithKey)', () => {
  const ownerOf = (account: { owner: string }) => account.owner;
  const owners = ['Alice', 'Bob', 'Carol', 'Dan'];
  const ids = ['alice', 'bob', 'carol/ü~1', 'aaa', 'zzz'];

  it('finds what filtering every record finds, in the same order, over random writes on forks (property)', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('rename' as const), id: fc.constantFrom(...ids), owner: fc.constantFrom(...owners) }),
      fc.record({ kind: fc.constant('insert' as const), id: fc.constantFrom(...ids), owner: fc.constantFrom(...owners) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom(...ids) }),
      fc.record({ kind: fc.constant('fork' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), fc.constantFrom(...owners), (steps, owner) => {
        const base = newBase();
        let state = new DomainState(base);
        // The base's grouping is built before the writes as often as after them.
        const ownedBy = () => [...state.values('accounts')].filter((account) => account.owner === owner);
        if (steps.length % 2 === 0) expect([...state.valuesWithKey('accounts', ownerOf, owner)]).toEqual(ownedBy());
        for (const change of steps) {
          if (change.kind === 'fork') state = state.fork();
          else if (change.kind === 'remove') {
            if (state.has('accounts', change.id)) state.remove('accounts', change.id);
          } else if (change.kind === 'rename') {
            if (state.has('accounts', change.id)) state.edit('accounts', change.id).owner = change.owner;
          } else state.insert('accounts', change.id, { id: change.id, owner: change.owner, balance: 1, tags: [] });
        }
        expect([...state.valuesWithKey('accounts', ownerOf, owner)]).toEqual(ownedBy());
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it('keeps one grouping per base and key function, and finds nothing for an unknown key', () => {
    const base = newBase();
    expect(base.idsWithKey('accounts', ownerOf as never, 'Bob')).toBe(base.idsWithKey('accounts', ownerOf as never, 'Bob'));
    expect(base.idsWithKey('accounts', ownerOf as never, 'Nobody')).toEqual([]);
    expect(base.position('accounts', 'carol/ü~1')).toBe(2);
    expect(base.position('accounts', 'nobody')).toBeUndefined();
  });
});
