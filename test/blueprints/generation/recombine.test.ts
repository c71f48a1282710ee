import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
import { generateBatch } from '../../../src/blueprints/generation/generate-batch.ts';
import { createOfflineTemplateGenerator } from '../../../src/blueprints/generation/offline/offline-generator.ts';
import { SOURCES_HEADING } from '../../../src/blueprints/generation/recombination-prompt.ts';
import { chooseCombination, combineSources, recombinableGroups, RecombinationError, recombineBlueprints } from '../../../src/blueprints/generation/recombine.ts';
import { ScriptedChatModel, textReply } from '../../../src/models/index.ts';
import { seededRandom } from '../../../src/rollout/offline/seeded-random.ts';
import { acceptedBlueprint, domainFixture, fakeValidator, fixedClock, offlineValidator } from './generation-fixtures.ts';

const retailDomain = () => domainFixture('retail').domain;
const cancel = (orderId: string) => ({ name: 'cancel_pending_order', arguments: { order_id: orderId, reason: 'no longer needed' } });

const ana1 = acceptedBlueprint({ id: 'ana-1', userId: 'ana', actions: [cancel('#W1')], outputs: ['10.5', 'cancelled'] });
const ana2 = acceptedBlueprint({ id: 'ana-2', userId: 'ana', actions: [cancel('#W2')], outputs: ['cancelled', '7'], status: 'approved' });
const ana3 = acceptedBlueprint({ id: 'ana-3', userId: 'ana', actions: [cancel('#W1')] });
const ana4 = acceptedBlueprint({ id: 'ana-4', userId: 'ana', actions: [cancel('#W4')], status: 'rejected' });
const bob1 = acceptedBlueprint({ id: 'bob-1', userId: 'bob', actions: [cancel('#W5')] });

describe('reverse recombination', () => {
  it('joins actions in order and merges outputs without duplicates', () => {
    expect(combineSources([ana1, ana2])).toEqual({ actions: [cancel('#W1'), cancel('#W2')], outputs: ['10.5', 'cancelled', '7'] });
  });

  it('identifies the user once: a later source’s opening identification calls are left out', () => {
    const byEmail = { name: 'find_user_id_by_email', arguments: { email: 'ana@example.com' } };
    const byNameZip = { name: 'find_user_id_by_name_zip', arguments: { first_name: 'Ana', last_name: 'Lee', zip: '12345' } };
    const profile = { name: 'get_user_details', arguments: { user_id: 'ana' } };
    const first = acceptedBlueprint({ id: 'ana-email', userId: 'ana', actions: [byEmail, cancel('#W1')] });
    const second = acceptedBlueprint({ id: 'ana-zip', userId: 'ana', actions: [byNameZip, profile, cancel('#W2'), profile] });
    expect(combineSources([first, second]).actions).toEqual([byEmail, cancel('#W1'), cancel('#W2'), profile]);
    expect(combineSources([ana1, second]).actions).toEqual([cancel('#W1'), byNameZip, profile, cancel('#W2'), profile]);
  });

  it('groups accepted blueprints by user and chooses combinations of one user acting on different records', () => {
    const pool = [ana1, ana2, ana3, ana4, bob1];
    expect([...recombinableGroups(pool, 'retail').entries()].map(([user, group]) => [user, group.map((blueprint) => blueprint.id)])).toEqual([['ana', ['ana-1', 'ana-2', 'ana-3']]]);
    for (let seed = 0; seed < 20; seed++) {
      const chosen = chooseCombination(pool, retailDomain(), seededRandom(seed)) as Blueprint[];
      expect(new Set(chosen.map((blueprint) => blueprint.userId))).toEqual(new Set(['ana']));
      expect(chosen.map((blueprint) => blueprint.id)).not.toEqual(expect.arrayContaining(['ana-1', 'ana-3']));
      expect(chosen).toHaveLength(2);
    }
    expect(chooseCombination([ana1, bob1], retailDomain(), seededRandom(1))).toBeUndefined();
    expect(chooseCombination(pool, retailDomain(), seededRandom(1), new Set(['ana-1+ana-2', 'ana-2+ana-3']))).toBeUndefined();
  });

  it('has the generator write one instruction, and sends the whole to the validator', async () => {
    const generator = new ScriptedChatModel([textReply('```json\n{"thought": "both", "instruction": "Your name is Ana. You want orders #W1 and #W2 cancelled."}\n```')], { id: 'joiner' });
    const { validate, seen } = fakeValidator();
    const result = await recombineBlueprints({ sources: [ana1, ana2], generator, validate, seed: 3, index: 1, clock: fixedClock });
    generator.assertConsumed();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: 'retail-recombined-s3-0001',
      userId: 'ana',
      instruction: 'Your name is Ana. You want orders #W1 and #W2 cancelled.',
      actions: [cancel('#W1'), cancel('#W2')],
      outputs: ['10.5', 'cancelled', '7'],
      provenance: { kind: 'recombined', sources: ['ana-1', 'ana-2'] },
      status: 'draft',
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(result.validation?.accepted).toBe(true);
    const prompt = generator.calls[0]?.messages.at(-1)?.content ?? '';
    expect(prompt).toContain(SOURCES_HEADING);
    expect(prompt).toContain(ana1.instruction);
  });

  it('joins only validated blueprints of one user, two or three of them', async () => {
    const generator = new ScriptedChatModel([]);
    const { validate } = fakeValidator();
    const run = (sources: Blueprint[]) => recombineBlueprints({ sources, generator, validate, seed: 1, index: 0, clock: fixedClock });
    await expect(run([ana1, bob1])).rejects.toThrow(/only one customer's blueprints can be joined/);
    await expect(run([ana1, ana4])).rejects.toThrow(/ana-4 is rejected/);
    await expect(run([ana1])).rejects.toThrow(RecombinationError);
    await expect(run([ana1, ana1])).rejects.toThrow(/with itself/);
    await expect(run([ana1, ana2, ana3, acceptedBlueprint({ id: 'ana-5', userId: 'ana' })])).rejects.toThrow(/2 or 3/);
    expect(generator.calls).toHaveLength(0);
  });

  it('re-validates generated blueprints of one user as one (offline, end to end)', async () => {
    const fixture = domainFixture('retail');
    const generator = createOfflineTemplateGenerator(fixture);
    const validate = offlineValidator(fixture);
    const { results } = await generateBatch({ ...fixture, generator, validate, seed: 1, count: 30, clock: fixedClock });
    const pool = results.flatMap((result) => (result.validation?.accepted ? [result.validation.blueprint] : []));
    const sources = chooseCombination(pool, fixture.domain, seededRandom(2));
    expect(sources).toBeDefined();
    const result = await recombineBlueprints({ sources: sources as Blueprint[], generator, validate, seed: 1, index: 0, clock: fixedClock });
    expect(result.validation?.accepted).toBe(true);
    expect(result.validation?.history[0]?.checks.find((check) => check.stage === 'execution')?.passed).toBe(true);
    const instruction = result.draft?.instruction ?? '';
    expect(instruction.match(/Your name is/g)).toHaveLength(1);
    expect(instruction).toContain('You also want');
    // One identification, the first source's, whose details the joined instruction keeps.
    const identifications = result.draft?.actions.filter((action) => action.name.startsWith('find_user_id')) ?? [];
    expect(identifications).toEqual([(sources as Blueprint[])[0]?.actions[0]]);
    expect(result.draft?.actions[0]).toEqual(identifications[0]);
  });

  it('never joins two writes to the same record, the user included', () => {
    const move = (id: string, city: string) => acceptedBlueprint({ id, userId: 'ana', actions: [{ name: 'modify_user_address', arguments: { user_id: 'ana', address1: '1 Main St', address2: '', city, state: 'CA', country: 'USA', zip: '90001' } }] });
    const look = acceptedBlueprint({ id: 'look', userId: 'ana', actions: [{ name: 'get_user_details', arguments: { user_id: 'ana' } }, cancel('#W9')] });
    for (let seed = 0; seed < 10; seed++) {
      const chosen = chooseCombination([move('move-1', 'A'), move('move-2', 'B'), look], retailDomain(), seededRandom(seed))?.map((blueprint) => blueprint.id).sort();
      expect(chosen === undefined || !(chosen.includes('move-1') && chosen.includes('move-2'))).toBe(true);
      expect(chosen).toContain('look');
    }
  });
});
