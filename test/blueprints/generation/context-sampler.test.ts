import { describe, expect, it } from 'vitest';
import { sampleContext } from '../../../src/blueprints/generation/context-sampler.ts';
import { personas } from '../../../src/blueprints/generation/personas.ts';
import { definePolicyRule, DomainState, type Domain } from '../../../src/domain-kit/index.ts';
import { acceptedBlueprint, domainFixture } from './generation-fixtures.ts';

describe('personas', () => {
  it('ships at least 40 distinct short ones', () => {
    expect(personas.length).toBeGreaterThanOrEqual(40);
    expect(new Set(personas).size).toBe(personas.length);
    for (const persona of personas) expect(persona.length).toBeLessThan(160);
  });
});

describe('context sampling', () => {
  it('is seeded: the same seed gives the same context, other seeds other contexts', () => {
    const { domain, base, graph } = domainFixture('retail');
    expect(sampleContext({ domain, base, graph, seed: 7 })).toEqual(sampleContext({ domain, base, graph, seed: 7 }));
    const users = new Set(Array.from({ length: 10 }, (_, seed) => sampleContext({ domain, base, graph, seed }).userId));
    expect(users.size).toBeGreaterThan(5);
  });

  it('picks a retail user whose orders fit the walk: pending ones to cancel or modify, delivered ones to return or exchange', () => {
    const { domain, base, graph } = domainFixture('retail');
    const state = new DomainState(base);
    const needs: Record<string, string> = {
      cancel_pending_order: 'pending',
      modify_pending_order_items: 'pending',
      modify_pending_order_payment: 'pending',
      modify_pending_order_address: 'pending',
      return_delivered_order_items: 'delivered',
      exchange_delivered_order_items: 'delivered',
    };
    let checked = 0;
    for (let seed = 0; seed < 40; seed++) {
      const context = sampleContext({ domain, base, graph, seed });
      expect(context.writeTools.length).toBeGreaterThan(0);
      expect(context.records.every((record) => record.collection === 'orders' && (state.get('orders', record.id) as { user_id: string }).user_id === context.userId)).toBe(true);
      for (const tool of context.writeTools) {
        const targets = context.targets[tool] ?? [];
        expect(targets.length, `seed ${seed}: ${tool} has nothing to act on for ${context.userId}`).toBeGreaterThan(0);
        const status = needs[tool];
        if (!status) continue;
        for (const id of targets) {
          expect((state.get('orders', id) as { status: string; user_id: string }).status).toBe(status);
          checked++;
        }
        // The records shown to the generator start with those the writes can act on.
        expect(context.records.some((record) => targets.includes(record.id))).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('picks an airline user with reservations for reservation writes, and shows the booked flights', () => {
    const { domain, base, graph } = domainFixture('airline');
    for (let seed = 0; seed < 20; seed++) {
      const context = sampleContext({ domain, base, graph, seed });
      const reservationWrites = context.writeTools.filter((tool) => tool.startsWith('update_reservation') || tool === 'cancel_reservation');
      for (const tool of reservationWrites) expect(context.targets[tool]?.length).toBeGreaterThan(0);
      if (context.records.length > 0) expect(context.related.some((record) => record.collection === 'flights')).toBe(true);
      expect(JSON.stringify(context).length).toBeLessThan(30_000);
    }
  });

  it('shows the policy rules whose tools are on the walk, and only those', () => {
    const { domain, base, graph } = domainFixture('retail');
    const rule = (name: string, tools: string[]) => definePolicyRule({ name, description: `${name} described`, appliesTo: tools, check: () => [] });
    const withRules = { ...domain, policyRules: [rule('cancel-reasons', ['cancel_pending_order']), rule('address-rule', ['modify_user_address']), rule('never-used', ['think'])] } as Domain;
    for (let seed = 0; seed < 15; seed++) {
      const context = sampleContext({ domain: withRules, base, graph, seed });
      const expected = [
        ...(context.walk.includes('cancel_pending_order') ? [{ name: 'cancel-reasons', description: 'cancel-reasons described' }] : []),
        ...(context.walk.includes('modify_user_address') ? [{ name: 'address-rule', description: 'address-rule described' }] : []),
      ];
      expect(context.rules).toEqual(expected);
    }
  });

  it('draws few-shot examples only from accepted blueprints of the domain, and may reuse their users', () => {
    const { domain, base, graph } = domainFixture('retail');
    const userId = [...new DomainState(base).entries('users')].find(([, user]) => (user as { orders: string[] }).orders.length >= 3)?.[0] as string;
    const pool = [
      acceptedBlueprint({ id: 'ok-validated', userId, actions: [{ name: 'cancel_pending_order', arguments: {} }] }),
      acceptedBlueprint({ id: 'ok-approved', userId, status: 'approved' }),
      acceptedBlueprint({ id: 'draft', userId, status: 'draft' }),
      acceptedBlueprint({ id: 'rejected', userId, status: 'rejected' }),
      acceptedBlueprint({ id: 'other-domain', userId, domain: 'airline' }),
    ];
    const seen = new Set<string>();
    let reused = 0;
    for (let seed = 0; seed < 30; seed++) {
      const context = sampleContext({ domain, base, graph, seed, fewShotPool: pool });
      expect(context.fewShot.length).toBe(2);
      for (const example of context.fewShot) seen.add(example.id);
      if (context.userId === userId) reused++;
    }
    expect([...seen].sort()).toEqual(['ok-approved', 'ok-validated']);
    expect(reused).toBeGreaterThan(0);
    expect(sampleContext({ domain, base, graph, seed: 1 }).fewShot).toEqual([]);
  });
});
