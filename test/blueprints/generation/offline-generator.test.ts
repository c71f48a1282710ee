import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
import { batchReport } from '../../../src/blueprints/generation/batch-report.ts';
import { generateBatch } from '../../../src/blueprints/generation/generate-batch.ts';
import { joinInstructions } from '../../../src/blueprints/generation/offline/join-instructions.ts';
import { createOfflineTemplateGenerator, OFFLINE_GENERATOR_ID, OfflineGeneratorError } from '../../../src/blueprints/generation/offline/offline-generator.ts';
import { recombinationMessages } from '../../../src/blueprints/generation/recombination-prompt.ts';
import { DomainState } from '../../../src/domain-kit/index.ts';
import { acceptedBlueprint, domainFixture, fixedClock, offlineValidator } from './generation-fixtures.ts';

const idArguments = new Set(['item_ids', 'new_item_ids', 'payment_method_id', 'payment_id', 'user_id']);

async function offlineBatch(name: 'retail' | 'airline', seed: number, count: number) {
  const fixture = domainFixture(name);
  return generateBatch({ ...fixture, generator: createOfflineTemplateGenerator(fixture), validate: offlineValidator(fixture), seed, count, clock: fixedClock });
}

describe('the offline template generator (not a model)', () => {
  it.each(['retail', 'airline'] as const)('writes %s blueprints that pass stages 1–3 on the default data (30 seeds)', async (name) => {
    const { results, report } = await offlineBatch(name, 11, 30);
    // Measured with the policy rules (identification first included), stages 1–3, real validator: 30 of 30 on both
    // domains for this batch seed. Over batch seeds 1, 2, 3, 5, 7, 11, 21, 42: retail 240/240; airline 227/240 (25–30
    // of 30), the misses being users with nothing a template fits (a walk to book_reservation or send_certificate, or
    // no upcoming reservation). The floors sit below this seed's 30 of 30 by about the spread seen across seeds.
    expect(report.accepted / report.attempted).toBeGreaterThanOrEqual(name === 'retail' ? 0.95 : 0.9);
    expect(report.acceptance.byStage.find((stage) => stage.stage === 'committee')).toMatchObject({ reached: 0, skipped: 30 });
    const { domain } = domainFixture(name);
    for (const result of results) {
      const draft = result.draft as Blueprint;
      expect(draft.provenance).toMatchObject({ kind: 'generated', generator: OFFLINE_GENERATOR_ID });
      expect(draft.actions.some((action) => domain.tool(action.name)?.kind === 'write')).toBe(true);
      // It starts by identifying the user with the details the instruction gives them.
      const [identification] = draft.actions;
      if (name === 'airline') {
        expect(identification).toEqual({ name: 'get_user_details', arguments: { user_id: draft.userId } });
        expect(draft.instruction).toContain(`user id is ${draft.userId}.`);
      } else {
        expect(['find_user_id_by_email', 'find_user_id_by_name_zip']).toContain(identification?.name);
        expect(domain.execute(new DomainState(domainFixture(name).base), identification as Blueprint['actions'][number]).content).toBe(draft.userId);
        for (const detail of Object.values(identification?.arguments ?? {})) expect(draft.instruction).toContain(String(detail));
      }
      expect(draft.instruction).toMatch(/^Your name is .+?\. .*\byou (also )?want\b/i);
      // The instruction never hands over ids the agent must look up itself.
      for (const action of draft.actions) {
        for (const [key, value] of Object.entries(action.arguments)) {
          if (!idArguments.has(key) || (name === 'airline' && key === 'user_id')) continue;
          for (const id of [value].flat()) expect(draft.instruction).not.toContain(String(id));
        }
      }
    }
  });

  it('covers every template across seeds, and identifies the user both ways in retail', async () => {
    const drafts = async (name: 'retail' | 'airline') => (await offlineBatch(name, 3, 60)).results.flatMap((result) => (result.draft ? [result.draft] : []));
    const writesOf = (name: 'retail' | 'airline', blueprints: Blueprint[]) =>
      new Set(blueprints.flatMap((draft) => draft.actions.filter((action) => domainFixture(name).domain.tool(action.name)?.kind === 'write').map((action) => action.name)));
    const retailDrafts = await drafts('retail');
    expect(new Set(retailDrafts.map((draft) => draft.actions[0]?.name))).toEqual(new Set(['find_user_id_by_email', 'find_user_id_by_name_zip']));
    expect([...writesOf('retail', retailDrafts)].sort()).toEqual([
      'cancel_pending_order',
      'exchange_delivered_order_items',
      'modify_pending_order_address',
      'modify_pending_order_items',
      'modify_pending_order_payment',
      'modify_user_address',
      'return_delivered_order_items',
    ]);
    expect([...writesOf('airline', await drafts('airline'))].sort()).toEqual(['cancel_reservation', 'update_reservation_baggages', 'update_reservation_flights', 'update_reservation_passengers']);
  });

  it('cancels only reservations the policy lets the user cancel', async () => {
    const { domain, base } = domainFixture('airline');
    const state = new DomainState(base);
    const { results } = await offlineBatch('airline', 5, 40);
    const cancels = results.flatMap((result) => result.draft?.actions.filter((action) => action.name === 'cancel_reservation') ?? []);
    expect(cancels.length).toBeGreaterThan(0);
    expect(domain.name).toBe('airline');
    for (const action of cancels) {
      const trip = state.get('reservations', action.arguments.reservation_id as string) as { cabin: string; insurance: string; created_at: string };
      expect(trip.cabin === 'business' || trip.insurance === 'yes' || trip.created_at >= '2024-05-14T15:00:00').toBe(true);
    }
  });

  it('is deterministic: the same batch seed gives the same blueprints', async () => {
    const first = await offlineBatch('retail', 8, 5);
    const second = await offlineBatch('retail', 8, 5);
    expect(second.results.map((result) => result.draft)).toEqual(first.results.map((result) => result.draft));
  });

  it('joins instructions for a recombination prompt, saying who the customer is once', async () => {
    const generator = createOfflineTemplateGenerator(domainFixture('retail'));
    const sources = [
      acceptedBlueprint({ id: 'a', userId: 'u', instruction: 'Your name is Ana Lee and your email is ana@example.com. You want to cancel order #W1 because you no longer need it. In the conversation you are calm.' }),
      acceptedBlueprint({ id: 'b', userId: 'u', instruction: 'Your name is Ana Lee and you live in zip code 12345. You want to return the lamp from order #W2, refunded to the original payment method. In the conversation you are curt.' }),
    ];
    const response = await generator.complete({ messages: recombinationMessages('retail', sources) });
    expect(JSON.parse(response.message.content as string)).toEqual({
      thought: 'Offline generator: joined the instructions of a, b.',
      instruction:
        'Your name is Ana Lee and your email is ana@example.com. You want to cancel order #W1 because you no longer need it. You also want to return the lamp from order #W2, refunded to the original payment method. In the conversation you are calm.',
    });
  });

  it('keeps decimal amounts whole when joining', () => {
    expect(joinInstructions(['You want to pay 88.67 dollars.', 'You want 12.5 back.'])).toBe('You want to pay 88.67 dollars. You also want 12.5 back.');
  });

  it('refuses prompts it was not built for, and domains it has no templates for', async () => {
    const generator = createOfflineTemplateGenerator(domainFixture('retail'));
    await expect(generator.complete({ messages: [{ role: 'user', content: 'Revise this blueprint.' }] })).rejects.toThrow(OfflineGeneratorError);
    const { base, domain } = domainFixture('retail');
    expect(() => createOfflineTemplateGenerator({ domain: { ...domain, name: 'bank' }, base })).toThrow(/no templates for the bank domain/);
  });

  it('reports per stage with the pure acceptance rates', async () => {
    const { results } = await offlineBatch('retail', 21, 6);
    const report = batchReport(results);
    expect(report.acceptance.byStage.map((stage) => [stage.stage, stage.passed, stage.reached])).toEqual([
      ['format', 6, 6],
      ['execution', 6, 6],
      ['policy', 6, 6],
      ['committee', 0, 0],
    ]);
    expect(report.acceptance.byRound).toEqual([{ round: 0, acceptedInRound: 6, acceptedByRound: 6, rate: 1 }]);
  });
});
