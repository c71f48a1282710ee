import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { airline } from '../../domains/airline/index.ts';
import type { Blueprint } from '../../src/blueprints/blueprint.ts';
import { readBlueprintFile } from '../../src/blueprints/blueprint-files.ts';
import { validateBlueprint } from '../../src/blueprints/validate-blueprint.ts';
import { DomainState, type Domain } from '../../src/domain-kit/index.ts';
import { importTauBench } from '../../src/interop/import-tau-bench.ts';
import { gateBlueprint } from '../../src/rollout/grading/blueprint-gate.ts';
import { airlineBase, bookedRecently, findReservation, isUpcoming, type ReservationRecord } from '../domains/airline/policy/policy-fixtures.ts';

const domain = airline as unknown as Domain;
/** The shipped airline data has tau-bench's shape: the import reads it as it would read tau-bench's. */
const shippedData = fileURLToPath(new URL('../../domains/airline/data', import.meta.url));

/** Booked long ago, (basic) economy, uninsured, every flight operating: the policy does not let it be cancelled. */
const blocked = (reservation: ReservationRecord) => isUpcoming(reservation) && !bookedRecently(reservation) && reservation.cabin !== 'business' && reservation.insurance === 'no';
const data = new DomainState(airlineBase());
const blockedId = (id: string) => {
  const reservation = data.get('reservations', id);
  return reservation !== undefined && blocked(reservation);
};
/** A reservation that may not be cancelled, of a user who has another one (for a second violation). */
const { reservation: notCancellable, owner } = findReservation((reservation, user) => blocked(reservation) && user.reservations.some((id) => id !== reservation.reservation_id && blockedId(id)));
const secondBlocked = owner.reservations.find((id) => id !== notCancellable.reservation_id && blockedId(id)) as string;
/** A business reservation: always cancellable. */
const cancellable = findReservation((reservation) => isUpcoming(reservation) && reservation.cabin === 'business' && reservation.user_id !== notCancellable.user_id).reservation;

const task = (index: number, reservation: ReservationRecord) => ({
  task_index: index,
  user_id: reservation.user_id,
  instruction: `Your user id is ${reservation.user_id}. You want to cancel reservation ${reservation.reservation_id} because your plans changed.`,
  actions: [{ name: 'cancel_reservation', kwargs: { reservation_id: reservation.reservation_id } }],
  outputs: [],
});

function importTasks(tasks: unknown[]): { folder: string; blueprint: (index: number) => Blueprint; result: ReturnType<typeof importTauBench> } {
  const folder = mkdtempSync(join(tmpdir(), 'interplay-import-exceptions-'));
  const tasksFile = join(folder, 'airline_tasks_dev.json');
  writeFileSync(tasksFile, JSON.stringify(tasks));
  const out = join(folder, 'out');
  const result = importTauBench({ domain, dataFolder: shippedData, tasksFile, outFolder: out, workingDirectory: folder, now: new Date('2026-01-02T03:04:05.000Z') });
  return { folder, result, blueprint: (index) => readBlueprintFile(join(out, 'blueprints', `tau-airline-dev-${String(index).padStart(4, '0')}.json`)) };
}

describe('import tau-bench: policy rules the gold breaks', () => {
  const { result, blueprint } = importTasks([task(0, notCancellable), task(1, cancellable)]);
  const broken = blueprint(0);
  const clean = blueprint(1);

  it('records them as provenance.policyExceptions (rule, action, what the rule found), and reports which blueprints have them', () => {
    expect(broken.actions.map((action) => action.name)).toEqual(['get_user_details', 'cancel_reservation']);
    expect(broken.provenance).toMatchObject({ kind: 'imported', source: 'tau-bench', identificationAdded: true });
    const exceptions = broken.provenance.kind === 'imported' ? broken.provenance.policyExceptions : undefined;
    expect(exceptions).toEqual([{ rule: 'cancellation-eligibility', actionIndex: 1, note: expect.stringContaining(`tau-bench's gold breaks this rule (found when the task was imported; kept so the task replays to tau-bench's expected state): cancel_reservation cancels reservation ${notCancellable.reservation_id}, which may not be cancelled`) }]);
    expect(clean.provenance).not.toHaveProperty('policyExceptions');
    expect(result.policyExceptions).toEqual([{ id: 'tau-airline-dev-0000', rules: ['cancellation-eligibility'] }]);
  });

  it('validation accepts the recorded exception as a warning, and keeps the rule for everything else', async () => {
    const outcome = await validateBlueprint({ domain, base: airlineBase(), blueprint: broken });
    expect(outcome.status).toBe('validated');
    const policy = outcome.blueprint.checks?.find((check) => check.stage === 'policy');
    expect(policy?.warnings).toEqual([expect.stringMatching(/^policy exception: rule cancellation-eligibility, actions\[1\] \(cancel_reservation\): .* \(accepted: tau-bench's gold breaks this rule, as the import recorded in provenance.policyExceptions\)$/)]);
    expect(gateBlueprint(domain, airlineBase(), broken)).toMatchObject({ passed: true, problems: [] });

    // The same gold without the record, or from another source, still breaks the rule.
    const { policyExceptions: _recorded, ...provenance } = broken.provenance as Extract<Blueprint['provenance'], { kind: 'imported' }>;
    for (const unrecorded of [{ ...broken, provenance }, { ...broken, provenance: { ...broken.provenance, source: 'somewhere-else' } }]) {
      expect(gateBlueprint(domain, airlineBase(), unrecorded)).toMatchObject({ passed: false, problems: [expect.stringMatching(/^policy: rule cancellation-eligibility, actions\[1\] \(cancel_reservation\): /)] });
    }
    // A second cancellation that breaks the rule at another action is not covered by the record.
    const extended = { ...broken, actions: [...broken.actions, { name: 'cancel_reservation', arguments: { reservation_id: secondBlocked } }] };
    expect(gateBlueprint(domain, airlineBase(), extended)).toMatchObject({ passed: false, problems: [expect.stringMatching(/^policy: rule cancellation-eligibility, actions\[2\] /)] });
  });
});
