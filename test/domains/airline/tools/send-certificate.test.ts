import { describe, expect, it } from 'vitest';
import { diffStates } from '../../../../src/domain-kit/index.ts';
import { call, fixtureState } from '../fixture.ts';
import { expectFailure } from '../expect-failure.ts';

describe('send_certificate', () => {
  it('adds a certificate under the first free id of three fixed ones', () => {
    const before = fixtureState();
    const state = before.fork();
    expect(call(state, 'send_certificate', { user_id: 'ben_ode_2002', amount: 150 })).toEqual({
      ok: true,
      kind: 'write',
      content: 'Certificate certificate_3221323 added to user ben_ode_2002 with amount 150.',
    });
    expect(diffStates(before, state).patch).toEqual([
      { op: 'add', path: '/users/ben_ode_2002/payment_methods/certificate_3221323', value: { source: 'certificate', amount: 150, id: 'certificate_3221323' } },
    ]);
    expect(call(state, 'send_certificate', { user_id: 'ben_ode_2002', amount: 75.5 }).content).toBe('Certificate certificate_3221324 added to user ben_ode_2002 with amount 75.5.');
  });

  it('adds nothing and answers None once all three ids are taken', () => {
    const state = fixtureState();
    const before = state.hash();
    expect(call(state, 'send_certificate', { user_id: 'cy_full_3003', amount: 10 })).toEqual({ ok: true, kind: 'write', content: 'None' });
    expect(state.hash()).toBe(before);
  });

  it('fails on an unknown user, changing nothing', () => {
    expectFailure(fixtureState(), 'send_certificate', { user_id: 'nobody_0', amount: 100 }, 'Error: user not found');
  });
});
