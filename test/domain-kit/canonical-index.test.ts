import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaseState, canonicalJson, DomainState } from '../../src/domain-kit/index.ts';
import { toyData } from './toy-domain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The contract, computed the slow obvious way: hash the canonical JSON of the whole materialised state. */
const referenceHash = (state: DomainState) => sha256(canonicalJson(state.toData()));

describe('canonical state hash', () => {
  it('is SHA-256 of the RFC 8785 form of {collection: {id: record}}', () => {
    const base = new BaseState(toyData());
    expect(base.hash()).toBe(sha256(canonicalJson(toyData())));
    // RFC 8785 writes 250.0 as 250, sorts keys by UTF-16 code units and escapes nothing but what JSON must.
    expect(canonicalJson({ b: 250.0, a: [1e21, 0.1], é: 'ü' })).toBe('{"a":[1e+21,0.1],"b":250,"é":"ü"}');
  });

  it('an untouched fork hashes as its base', () => {
    const base = new BaseState(toyData());
    expect(new DomainState(base).hash()).toBe(base.hash());
  });

  it('equals the full canonical hash for edits, inserts and removals anywhere in the order', () => {
    const base = new BaseState(toyData());
    const ids = ['alice', 'bob', 'carol/ü~1', 'aaa', 'zzz', 'bobby', 'b'];
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), id: fc.constantFrom(...ids), balance: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
      fc.record({ kind: fc.constant('insert' as const), id: fc.constantFrom(...ids), collection: fc.constantFrom('accounts' as const, 'notes' as const) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom(...ids), collection: fc.constantFrom('accounts' as const, 'notes' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 12 }), (operations) => {
        const state = new DomainState(base);
        for (const step of operations) {
          if (step.kind === 'edit') {
            if (state.has('accounts', step.id)) state.edit('accounts', step.id).balance = step.balance;
          } else if (step.kind === 'insert') {
            state.insert(step.collection, step.id, step.collection === 'notes' ? { id: step.id, text: 'x' } : { id: step.id, owner: 'N', balance: 1, tags: [] });
          } else if (state.has(step.collection, step.id)) {
            state.remove(step.collection, step.id);
          }
        }
        expect(state.hash()).toBe(referenceHash(state));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('hashes a collection emptied of every record and an empty one that gains one', () => {
    const base = new BaseState(toyData());
    const state = new DomainState(base);
    for (const id of ['alice', 'bob', 'carol/ü~1']) state.remove('accounts', id);
    state.insert('notes', 'n1', { id: 'n1', text: 'hello' });
    expect(state.hash()).toBe(referenceHash(state));
    expect(canonicalJson(state.toData())).toBe('{"accounts":{},"notes":{"n1":{"id":"n1","text":"hello"}}}');
  });
});
