import jsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { DomainState, diffStates, renderDiff } from '../../src/domain-kit/index.ts';
import { toyData, toyDomain } from './toy-domain.ts';

describe('state diff', () => {
  const base = toyDomain.createBase(toyData());

  it('is a standard JSON Patch that turns the first state into the second', () => {
    const before = new DomainState(base);
    const after = before.fork();
    toyDomain.execute(after, { name: 'transfer', arguments: { from: 'alice', to: 'bob', amount: 30 } });
    toyDomain.execute(after, { name: 'add_note', arguments: { id: 'n1', text: 'paid' } });
    toyDomain.execute(after, { name: 'close_account', arguments: { account_id: 'carol/ü~1' } });
    after.edit('accounts', 'alice').tags.push('vip');
    const diff = diffStates(before, after);
    expect(diff.patch).toEqual([
      { op: 'add', path: '/accounts/alice/tags/1', value: 'vip' },
      { op: 'replace', path: '/accounts/alice/balance', value: 70 },
      { op: 'replace', path: '/accounts/bob/balance', value: 50 },
      { op: 'remove', path: '/accounts/carol~1ü~01' },
      { op: 'add', path: '/notes/n1', value: { id: 'n1', text: 'paid' } },
    ]);
    const patched = jsonPatch.applyPatch(structuredClone(before.toData()), diff.patch, true, true).newDocument;
    expect(patched).toEqual(after.toData());
  });

  it('renders a compact reading grouped by record', () => {
    const before = new DomainState(base);
    const after = before.fork();
    toyDomain.execute(after, { name: 'transfer', arguments: { from: 'alice', to: 'bob', amount: 30 } });
    toyDomain.execute(after, { name: 'close_account', arguments: { account_id: 'bob' } });
    toyDomain.execute(after, { name: 'add_note', arguments: { id: 'n1', text: 'paid' } });
    expect(renderDiff(diffStates(before, after))).toBe(
      ['accounts/alice', '  ~ balance: 100 -> 70', '- accounts/bob', '+ notes/n1 {"id":"n1","text":"paid"}'].join('\n'),
    );
    expect(renderDiff(diffStates(before, before.fork()))).toBe('(no change)');
  });

  it('compares states over different bases record by record', () => {
    const other = toyData();
    other.accounts.bob!.balance = 21;
    const diff = diffStates(new DomainState(base), new DomainState(toyDomain.createBase(other)));
    expect(diff.patch).toEqual([{ op: 'replace', path: '/accounts/bob/balance', value: 21 }]);
    expect(diff.previous).toEqual([20]);
  });
});
