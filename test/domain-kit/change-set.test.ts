import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaseState, canonicalJson, DomainState, type JsonObject } from '../../src/domain-kit/index.ts';
import { toyData, toyDomain, type ToyRecords } from './toy-domain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** tau-bench's state hash the slow obvious way: the canonical JSON of the whole materialised state. */
const referenceHash = (state: DomainState) => sha256(canonicalJson(state.toData()));

/** The change set the slow obvious way: every record of either side whose canonical text differs. */
function referenceChanges(base: BaseState, state: DomainState): Record<string, Record<string, unknown>> {
  const before = base.raw() as Record<string, Record<string, JsonObject>>;
  const after = state.toData() as Record<string, Record<string, JsonObject>>;
  const changes: Record<string, Record<string, unknown>> = {};
  for (const collection of base.collections) {
    const changed: Record<string, unknown> = {};
    for (const id of new Set([...Object.keys(before[collection] ?? {}), ...Object.keys(after[collection] ?? {})])) {
      const old = before[collection]?.[id];
      const next = after[collection]?.[id];
      if (next === undefined) changed[id] = null;
      else if (old === undefined || canonicalJson(old) !== canonicalJson(next)) changed[id] = next;
    }
    if (Object.keys(changed).length > 0) changes[collection] = changed;
  }
  return changes;
}

describe('ChangeSet: what a state changed, as a value', () => {
  it('is the canonical JSON of {collection: {id: record, or null when removed}}', () => {
    const base = new BaseState(toyData());
    const state = new DomainState(base);
    state.edit('accounts', 'bob').balance = 25;
    state.remove('accounts', 'alice');
    state.insert('notes', 'n1', { id: 'n1', text: 'hi' });
    expect(state.changeSet().text).toBe('{"accounts":{"alice":null,"bob":{"balance":25,"id":"bob","owner":"Bob","tags":[]}},"notes":{"n1":{"id":"n1","text":"hi"}}}');
    expect(state.changeSet().size).toBe(3);
  });

  it('a write that restores the base record is no change, and neither is a record inserted then removed', () => {
    const base = new BaseState(toyData());
    const state = new DomainState(base);
    state.edit('accounts', 'alice').balance = 1;
    state.edit('accounts', 'alice').balance = 100;
    state.insert('notes', 'n1', { id: 'n1', text: 'hi' });
    state.remove('notes', 'n1');
    expect(state.changes().size).toBe(2);
    expect(state.changeSet().isEmpty).toBe(true);
    expect(state.changeSet().equals(new DomainState(base).changeSet())).toBe(true);
    expect(state.hash()).toBe(base.hash());
  });

  it('tells equal states apart from different ones, and states of different bases apart', () => {
    const base = new BaseState(toyData());
    const paid = new DomainState(base);
    toyDomain.execute(paid as never, { name: 'transfer', arguments: { from: 'alice', to: 'bob', amount: 10 } });
    const paidBack = paid.fork();
    toyDomain.execute(paidBack as never, { name: 'transfer', arguments: { from: 'bob', to: 'alice', amount: 10 } });
    expect(paidBack.changeSet().equals(new DomainState(base).changeSet())).toBe(true);
    expect(paid.changeSet().equals(paidBack.changeSet())).toBe(false);
    expect(new DomainState(new BaseState(toyData())).changeSet().equals(new DomainState(base).changeSet())).toBe(false);
  });

  it('computes the full hash once, on demand, and it is the hash of the whole state', () => {
    const base = new BaseState(toyData());
    const state = new DomainState(base);
    state.edit('accounts', 'carol/ü~1').tags.push('x');
    const changes = state.changeSet();
    expect(changes.hash()).toBe(referenceHash(state));
    expect(changes.hash()).toBe(state.hash());
  });
});

type ToyState = DomainState<ToyRecords>;
const ids = ['alice', 'bob', 'carol/ü~1', 'aaa', 'zzz'];
// Few distinct values, so that sequences often land on the base's values or on each other's.
const balances = [0, 20, 100, 0.1];
const step = fc.oneof(
  fc.record({ kind: fc.constant('transfer' as const), from: fc.constantFrom(...ids), to: fc.constantFrom(...ids), amount: fc.constantFrom(10, 20, 100) }),
  fc.record({ kind: fc.constant('close' as const), id: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant('note' as const), id: fc.constantFrom('n1', 'n2'), text: fc.constantFrom('a', 'b') }),
  fc.record({ kind: fc.constant('set-balance' as const), id: fc.constantFrom(...ids), balance: fc.constantFrom(...balances) }),
  fc.record({ kind: fc.constant('tag' as const), id: fc.constantFrom(...ids), tag: fc.constantFrom('gold', 'new') }),
  fc.record({ kind: fc.constant('open' as const), id: fc.constantFrom(...ids), balance: fc.constantFrom(...balances) }),
  fc.record({ kind: fc.constant('restore' as const), collection: fc.constantFrom('accounts' as const, 'notes' as const), id: fc.constantFrom(...ids, 'n1') }),
  fc.record({ kind: fc.constant('remove-note' as const), id: fc.constantFrom('n1', 'n2') }),
  fc.record({ kind: fc.constant('wobble' as const), id: fc.constantFrom(...ids) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Tool calls through the domain (atomic, rolled back on failure) and direct writes, deletions and restores. */
function apply(state: ToyState, base: BaseState<ToyRecords>, steps: readonly Step[]) {
  for (const change of steps) {
    if (change.kind === 'transfer') toyDomain.execute(state, { name: 'transfer', arguments: { from: change.from, to: change.to, amount: change.amount } });
    else if (change.kind === 'close') toyDomain.execute(state, { name: 'close_account', arguments: { account_id: change.id } });
    else if (change.kind === 'note') toyDomain.execute(state, { name: 'add_note', arguments: { id: change.id, text: change.text } });
    else if (change.kind === 'set-balance') {
      if (state.has('accounts', change.id)) state.edit('accounts', change.id).balance = change.balance;
    } else if (change.kind === 'tag') {
      if (state.has('accounts', change.id)) state.edit('accounts', change.id).tags.push(change.tag);
    } else if (change.kind === 'open') state.insert('accounts', change.id, { id: change.id, owner: 'N', balance: change.balance, tags: [] });
    else if (change.kind === 'restore') {
      // Writes the base's own record back (a fresh copy): a change followed by this is no change.
      const original = base.get(change.collection, change.id);
      if (original) state.insert(change.collection, change.id, structuredClone(original) as never);
      else if (state.has(change.collection, change.id)) state.remove(change.collection, change.id);
    } else if (change.kind === 'wobble') {
      // Changes a record and writes its value back: a write that leaves the state as it was.
      if (!state.has('accounts', change.id)) continue;
      const was = state.get('accounts', change.id)!.balance;
      state.edit('accounts', change.id).balance = was + 1;
      state.edit('accounts', change.id).balance = was;
    } else if (state.has('notes', change.id)) state.remove('notes', change.id);
  }
}

describe('ChangeSet: equal change sets ⇔ equal full hashes', () => {
  it('for random tool calls, writes, restores, insertions and deletions on forks of one base', () => {
    const base = new BaseState(toyData());
    const steps = fc.array(step, { maxLength: 10 });
    let equalPairs = 0;
    fc.assert(
      // Half the time the other fork makes the same calls plus writes that change nothing (a value written
      // back, the base's record restored), so equal states with different write histories are common.
      fc.property(steps, steps, steps, fc.array(fc.constantFrom(...ids), { maxLength: 3 }), fc.boolean(), (shared, left, right, wobbled, mirror) => {
        const start = new DomainState(base) as ToyState;
        apply(start, base, shared);
        const one = start.fork();
        const other = start.fork();
        apply(one, base, left);
        const restores = wobbled.map((id): Step => ({ kind: 'wobble', id }));
        apply(other, base, mirror ? [...restores, ...left, ...restores] : right);
        const [oneChanges, otherChanges] = [one.changeSet(), other.changeSet()];
        expect(JSON.parse(oneChanges.text)).toEqual(referenceChanges(base, one));
        expect(one.hash()).toBe(referenceHash(one));
        expect(other.hash()).toBe(referenceHash(other));
        expect(oneChanges.equals(otherChanges)).toBe(one.hash() === other.hash());
        expect(oneChanges.isEmpty).toBe(one.hash() === base.hash());
        if (oneChanges.equals(otherChanges)) equalPairs++;
      }),
      { numRuns: 400, seed: 11 },
    );
    // The property says something only if equal states actually occur beside different ones.
    expect(equalPairs).toBeGreaterThan(20);
    expect(equalPairs).toBeLessThan(390);
  });
});
