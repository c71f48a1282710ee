import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { airline } from '../../domains/airline/index.ts';
import { offlineRoles } from '../../src/batch/offline-roles.ts';
import { planJobs } from '../../src/batch/rollout-job.ts';
import { listBlueprintFiles, readBlueprints } from '../../src/blueprints/blueprint-files.ts';
import { validateBlueprint } from '../../src/blueprints/validate-blueprint.ts';
import type { Domain } from '../../src/domain-kit/index.ts';
import { runRollout } from '../../src/rollout/run-rollout.ts';

const folder = fileURLToPath(new URL('../../blueprints/airline/', import.meta.url));
const blueprints = readBlueprints([folder]);
const domain = airline as unknown as Domain;
const base = airline.createBase();
const writeTools = airline.tools.filter((tool) => tool.kind === 'write').map((tool) => tool.name);
const isWrite = (name: string) => airline.tool(name)?.kind === 'write';

/** A fixed clock that ticks one second per reading. */
function tickingClock() {
  let now = Date.UTC(2026, 0, 1);
  return () => new Date((now += 1000));
}

/** What each refusal's user asks for, as the write an agent would make, and the rule that write breaks. */
const forbiddenWrites: Array<[string, { name: string; arguments: Record<string, unknown> }, string]> = [
  ['airline-refuse-cancel-uninsured-1', { name: 'cancel_reservation', arguments: { reservation_id: 'VPGD91' } }, 'cancellation-eligibility'],
  [
    'airline-refuse-basic-economy-change-1',
    { name: 'update_reservation_flights', arguments: { reservation_id: 'PB11A1', cabin: 'basic_economy', flights: [{ flight_number: 'HAT250', date: '2024-05-20' }], payment_id: 'credit_card_9713278' } },
    'basic-economy-flights-unchanged',
  ],
  ['airline-refuse-bag-removal-1', { name: 'update_reservation_baggages', arguments: { reservation_id: '0ND12A', total_baggages: 4, nonfree_baggages: 0, payment_id: 'credit_card_3558797' } }, 'bags-only-added'],
  ['airline-refuse-compensation-1', { name: 'send_certificate', arguments: { user_id: 'paloma_kapoor_7196', amount: 200 } }, 'compensation-eligibility'],
  [
    'airline-refuse-destination-change-1',
    { name: 'update_reservation_flights', arguments: { reservation_id: 'OQVO1N', cabin: 'economy', flights: [{ flight_number: 'HAT215', date: '2024-05-22' }], payment_id: 'credit_card_4679644' } },
    'trip-unchanged-by-flight-change',
  ],
  [
    'airline-refuse-six-passengers-1',
    {
      name: 'book_reservation',
      arguments: {
        user_id: 'zoe_vargas_2028',
        origin: 'SEA',
        destination: 'PDX',
        flight_type: 'one_way',
        cabin: 'economy',
        flights: [{ flight_number: 'HAT255', date: '2024-05-20' }],
        passengers: Array.from({ length: 6 }, (_, index) => ({ first_name: 'Guest', last_name: `Vargas${index + 1}`, dob: '1990-01-01' })),
        payment_methods: [{ payment_id: 'credit_card_5491693', amount: 858 }],
        total_baggages: 0,
        nonfree_baggages: 0,
        insurance: 'no',
      },
    },
    'at-most-five-passengers',
  ],
];

describe('the shipped airline blueprints', () => {
  it('are at least 20 authored, validated airline blueprints, each in a file named after its id', () => {
    expect(blueprints.length).toBeGreaterThanOrEqual(20);
    expect(listBlueprintFiles([folder]).map((file) => basename(file, '.json'))).toEqual(blueprints.map((blueprint) => blueprint.id));
    for (const blueprint of blueprints) {
      expect(blueprint.id).toMatch(/^airline-[a-z]+(-[a-z]+)*-\d+$/);
      expect(blueprint).toMatchObject({ domain: 'airline', status: 'validated', provenance: { kind: 'authored', author: 'interplay maintainers' } });
      expect(blueprint.instruction).toMatch(/^Your user id is [a-z_0-9]+\. /);
      // Outputs are looked for in agent messages with commas removed: an output with a comma could never be found.
      for (const output of blueprint.outputs) expect(output).not.toContain(',');
    }
  });

  it('use every write tool of the domain', () => {
    const used = new Set(blueprints.flatMap((blueprint) => blueprint.actions.map((action) => action.name)));
    expect(writeTools.filter((tool) => !used.has(tool))).toEqual([]);
  });

  it('include refusals: blueprints whose gold writes nothing (or only a write that must fail) and that name what the agent must say', () => {
    const refusals = blueprints.filter((blueprint) => blueprint.actions.every((action) => !isWrite(action.name) || action.expectError === true));
    expect(refusals.length).toBeGreaterThanOrEqual(6);
    for (const refusal of refusals) expect(refusal.outputs.length, refusal.id).toBeGreaterThan(0);
    expect(refusals.some((refusal) => refusal.actions.some((action) => action.expectError))).toBe(true);
  });

  it.each(forbiddenWrites)('%s: granting the request (%j) breaks the rule %s', async (id, write, rule) => {
    const refusal = blueprints.find((blueprint) => blueprint.id === id);
    expect(refusal).toBeDefined();
    const granted = { ...refusal!, actions: [...refusal!.actions, write] };
    const outcome = await validateBlueprint({ domain, base, blueprint: granted, maxRounds: 0 });
    expect(outcome.failedStage).toBe('policy');
    expect(outcome.blueprint.checks?.find((check) => check.stage === 'policy')?.problems).toContainEqual(expect.stringMatching(new RegExp(`^rule ${rule}, actions\\[${refusal!.actions.length}\\]`)));
  });

  it.each(blueprints.map((blueprint) => [blueprint.id, blueprint] as const))('%s passes the format, execution and policy stages', async (_id, blueprint) => {
    const outcome = await validateBlueprint({ domain, base, blueprint });
    expect(outcome.blueprint.checks?.flatMap((check) => check.problems)).toEqual([]);
    expect(outcome.status).toBe('validated');
  });

  it.each(blueprints.map((blueprint) => [blueprint.id, blueprint] as const))('%s is kept by an oracle rollout', async (_id, blueprint) => {
    const [job] = planJobs([blueprint], 1, 1);
    const { human, agent } = offlineRoles(domain, job!, 'oracle');
    const trajectory = await runRollout({ domain, base, blueprint, attempt: 0, seed: job!.seed, human, agent, clock: tickingClock() });
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted', outputs: { missing: [] } });
    expect(trajectory.termination.reason).toBe('user-stop');
  });
});

