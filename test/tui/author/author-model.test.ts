import { describe, expect, test } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../../src/domain-kit/index.ts';
import {
  blueprintToSave,
  checkBlueprintId,
  checksAreCurrent,
  createSession,
  previewAction,
  reduceSession,
  sessionCandidate,
  sessionFromBlueprint,
  type AuthorSession,
  type SessionEvent,
} from '../../../src/tui/author/author-model.ts';
import { runAuthorChecks } from '../../../src/tui/author/run-author-checks.ts';
import { cancelBlueprint, pendingOrder, retailBase } from '../../support/default-retail.ts';

const domain = retail as unknown as Domain;
const base = () => retailBase() as unknown as BaseState;
const order = pendingOrder();
const email = (retailBase().get('users', order.user_id) as { email: string }).email;
const findUser = { name: 'find_user_id_by_email', arguments: { email } };
const getOrder = { name: 'get_order_details', arguments: { order_id: order.order_id } };
const cancelOrder = { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' } };

const apply = (session: AuthorSession, ...events: SessionEvent[]) => events.reduce(reduceSession, session);
const statusIn = (content: string) => (JSON.parse(content) as { status: string }).status;

describe('the author session model', () => {
  test('a new session is clean and authored; setting the user makes it dirty', () => {
    const session = createSession({ domain, base: base(), author: 'ana' });
    expect(session).toMatchObject({ id: '', userId: undefined, actions: [], outputs: [], dirty: false, revision: 0, provenance: { kind: 'authored', author: 'ana' } });
    expect(session.evaluation.diffText).toBe('(no change)');
    const picked = reduceSession(session, { type: 'set-user', userId: order.user_id });
    expect(picked).toMatchObject({ userId: order.user_id, dirty: true, revision: 1 });
    expect(reduceSession(picked, { type: 'set-user', userId: order.user_id })).toBe(picked);
  });

  test('each action is run after the ones before it: reordering changes what a read sees', () => {
    const session = apply(createSession({ domain, base: base(), userId: order.user_id }), { type: 'add-action', action: cancelOrder }, { type: 'add-action', action: getOrder });
    expect(session.evaluation.results.map((result) => result.ok)).toEqual([true, true]);
    expect(statusIn(session.evaluation.results[1]?.content ?? '')).toBe('cancelled');

    const reordered = reduceSession(session, { type: 'move-action', index: 1, offset: -1 });
    expect(reordered.actions.map((action) => action.name)).toEqual(['get_order_details', 'cancel_pending_order']);
    expect(statusIn(reordered.evaluation.results[0]?.content ?? '')).toBe('pending');
    expect(reordered.evaluation.diffText).toBe(session.evaluation.diffText);
  });

  test('the running diff goes from the initial state to the state after all actions; a failing action changes nothing', () => {
    const session = apply(createSession({ domain, base: base(), userId: order.user_id }), { type: 'add-action', action: cancelOrder }, { type: 'add-action', action: cancelOrder });
    expect(session.evaluation.results[0]?.ok).toBe(true);
    expect(session.evaluation.results[1]).toMatchObject({ ok: false, content: 'Error: non-pending order cannot be cancelled' });
    expect(session.evaluation.diff.patch.map((operation) => `${operation.op} ${operation.path}`)).toEqual([
      `add /orders/${order.order_id}/payment_history/1`,
      `replace /orders/${order.order_id}/status`,
      `add /orders/${order.order_id}/cancel_reason`,
    ]);
    expect(session.evaluation.diffText).toContain('~ status: "pending" -> "cancelled"');

    const deleted = reduceSession(session, { type: 'delete-action', index: 0 });
    expect(deleted.evaluation.results.map((result) => result.ok)).toEqual([true]);
  });

  test('edit, insert, delete and toggles; events pointing at no action change nothing', () => {
    let session = apply(createSession({ domain, base: base(), userId: order.user_id }), { type: 'add-action', action: getOrder });
    session = reduceSession(session, { type: 'add-action', action: cancelOrder, at: 0 });
    expect(session.actions.map((action) => action.name)).toEqual(['cancel_pending_order', 'get_order_details']);
    session = reduceSession(session, { type: 'replace-action', index: 0, action: { ...cancelOrder, arguments: { ...cancelOrder.arguments, reason: 'ordered by mistake' } } });
    expect(session.actions[0]?.arguments.reason).toBe('ordered by mistake');
    expect(session.evaluation.diffText).toContain('+ cancel_reason: "ordered by mistake"');
    session = reduceSession(session, { type: 'toggle-expect-error', index: 1 });
    expect(session.actions[1]).toEqual({ ...getOrder, expectError: true });
    session = reduceSession(session, { type: 'toggle-expect-error', index: 1 });
    expect(session.actions[1]).toEqual(getOrder);
    for (const event of [
      { type: 'move-action', index: 0, offset: -1 },
      { type: 'move-action', index: 1, offset: 1 },
      { type: 'delete-action', index: 2 },
      { type: 'replace-action', index: -1, action: getOrder },
      { type: 'toggle-expect-error', index: 5 },
    ] as SessionEvent[]) {
      expect(reduceSession(session, event)).toBe(session);
    }
  });

  test('previewing an action runs it after the actions before its position, without adding it', () => {
    const session = apply(createSession({ domain, base: base(), userId: order.user_id }), { type: 'add-action', action: cancelOrder });
    const atEnd = previewAction(session, 1, getOrder);
    expect(statusIn(atEnd.result.content)).toBe('cancelled');
    expect(atEnd.diff.patch).toEqual([]);
    const first = previewAction(session, 0, cancelOrder);
    expect(first.result.ok).toBe(true);
    expect(first.diff.patch).toHaveLength(3);
    expect(session.actions).toHaveLength(1);
  });

  test('ids are checked by the blueprint schema', () => {
    expect(checkBlueprintId('retail-cancel_2.v1')).toBeUndefined();
    expect(checkBlueprintId('')).toBe('give the blueprint an id');
    expect(checkBlueprintId('two words')).toBe('ids are letters, digits, dot, underscore and dash');
    expect(checkBlueprintId('-leading')).toBe('ids are letters, digits, dot, underscore and dash');
  });

  test('checks are current until the content changes; renaming does not make them stale', async () => {
    let session = apply(
      createSession({ domain, base: base(), userId: order.user_id, author: 'ana' }),
      { type: 'set-instruction', instruction: 'Cancel the order.' },
      { type: 'add-action', action: findUser },
      { type: 'add-action', action: getOrder },
      { type: 'add-action', action: cancelOrder },
    );
    const checks = await runAuthorChecks({ domain, base: base(), candidate: sessionCandidate(session, { id: 'unnamed', createdAt: '2026-01-01T00:00:00.000Z' }), revision: session.revision });
    expect(checks.status).toBe('validated');
    session = reduceSession(session, { type: 'checks-finished', checks });
    expect(checksAreCurrent(session)).toBe(true);
    expect(blueprintToSave(session, '2026-01-02T00:00:00.000Z')).toBeUndefined();
    session = reduceSession(session, { type: 'set-id', id: 'cancel-by-hand' });
    expect(checksAreCurrent(session)).toBe(true);
    const blueprint = blueprintToSave(session, '2026-01-02T00:00:00.000Z') as Blueprint;
    expect(blueprint).toMatchObject({ id: 'cancel-by-hand', status: 'validated', createdAt: '2026-01-02T00:00:00.000Z', provenance: { kind: 'authored', author: 'ana' } });
    expect(blueprint.checks?.map((check) => check.stage)).toEqual(['format', 'execution', 'policy', 'committee']);

    session = reduceSession(session, { type: 'saved', file: '/somewhere/cancel-by-hand.json', createdAt: blueprint.createdAt });
    expect(session).toMatchObject({ dirty: false, createdAt: blueprint.createdAt, file: '/somewhere/cancel-by-hand.json' });
    session = reduceSession(session, { type: 'set-outputs', outputs: ['437.44'] });
    expect(checksAreCurrent(session)).toBe(false);
    expect(session.dirty).toBe(true);
    expect(blueprintToSave(session, blueprint.createdAt)).toBeUndefined();
  });

  test('a candidate without the blueprint schema gets the format problems only', async () => {
    const session = createSession({ domain, base: base() });
    const checks = await runAuthorChecks({ domain, base: base(), candidate: sessionCandidate(session, { id: 'unnamed', createdAt: '2026-01-01T00:00:00.000Z' }), revision: 0 });
    expect(checks.status).toBe('rejected');
    expect(checks.blueprint).toBeUndefined();
    expect(checks.stages).toHaveLength(1);
    expect(checks.stages[0]?.stage).toBe('format');
    expect(checks.stages[0]?.problems.join('\n')).toMatch(/userId/);
    expect(checks.stages[0]?.problems.join('\n')).toMatch(/instruction/);
  });

  test('a session from a blueprint keeps its id, provenance, creation time and actions', () => {
    const blueprint = cancelBlueprint();
    const session = sessionFromBlueprint(domain, base(), blueprint, '/x/cancel-pending.json');
    expect(session).toMatchObject({ id: blueprint.id, userId: blueprint.userId, instruction: blueprint.instruction, outputs: blueprint.outputs, provenance: blueprint.provenance, createdAt: blueprint.createdAt, dirty: false, file: '/x/cancel-pending.json' });
    expect(session.evaluation.results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(sessionCandidate(session, { id: 'unused', createdAt: '2030-01-01T00:00:00.000Z' })).toMatchObject({ id: blueprint.id, createdAt: blueprint.createdAt, status: 'draft' });
  });
});
