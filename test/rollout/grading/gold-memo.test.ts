import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { BlueprintAction } from '../../../src/blueprints/blueprint.ts';
import { DomainState } from '../../../src/domain-kit/index.ts';
import { goldOutcome } from '../../../src/rollout/grading/gold-memo.ts';
import { GoldActionError, replayGold } from '../../../src/rollout/grading/gold-replay.ts';
import { cancelBlueprint, pendingOrder, retailBase } from '../../support/default-retail.ts';

const domain = retail as never;
const order = pendingOrder();
const cancel = (reason: string): BlueprintAction => ({ name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason } });

describe('goldOutcome: the gold replayed once per domain, base and action list', () => {
  it('is the state replayGold gives and its change set', () => {
    const { actions } = cancelBlueprint();
    const outcome = goldOutcome(domain, retailBase() as never, actions);
    const fresh = replayGold(domain, retailBase() as never, actions);
    expect(outcome.changes.text).toBe(fresh.changeSet().text);
    expect(outcome.changes.hash()).toBe(fresh.hash());
    expect(outcome.state.get('orders', order.order_id)).toEqual(fresh.get('orders', order.order_id));
    expect(outcome.changes.isEmpty).toBe(false);
  });

  it('is shared by equal action lists, even in other arrays, and not by different ones', () => {
    const first = goldOutcome(domain, retailBase() as never, [cancel('no longer needed')]);
    expect(goldOutcome(domain, retailBase() as never, [cancel('no longer needed')])).toBe(first);
    const other = goldOutcome(domain, retailBase() as never, [cancel('ordered by mistake')]);
    expect(other).not.toBe(first);
    expect(other.changes.equals(first.changes)).toBe(false);
  });

  it('replays an action list edited in place again: the key is its content, not the array', () => {
    const actions = [cancel('no longer needed')];
    const before = goldOutcome(domain, retailBase() as never, actions);
    (actions[0] as { arguments: Record<string, unknown> }).arguments.reason = 'ordered by mistake';
    const after = goldOutcome(domain, retailBase() as never, actions);
    expect(after).not.toBe(before);
    expect(after.state.get('orders', order.order_id)).toMatchObject({ status: 'cancelled', cancel_reason: 'ordered by mistake' });
  });

  it('keeps outcomes per base: another base with the same data gets its own', () => {
    const otherBase = retail.createBase();
    const actions = [cancel('no longer needed')];
    const here = goldOutcome(domain, retailBase() as never, actions);
    const there = goldOutcome(domain, otherBase as never, actions);
    expect(there).not.toBe(here);
    expect(there.state.base).toBe(otherBase);
    expect(there.changes.text).toBe(here.changes.text);
  });

  it('keeps outcomes per domain object: a domain is what runs the gold, whatever its name', () => {
    const actions = [cancel('no longer needed')];
    const twin = { ...retail };
    expect(twin.name).toBe(retail.name);
    expect(goldOutcome(twin as never, retailBase() as never, actions)).not.toBe(goldOutcome(domain, retailBase() as never, actions));
  });

  it('throws GoldActionError, naming the blueprint, every time a gold action fails (nothing kept)', () => {
    const broken = [{ name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }];
    expect(() => goldOutcome(domain, retailBase() as never, broken, 'first')).toThrow(GoldActionError);
    expect(() => goldOutcome(domain, retailBase() as never, broken, 'second')).toThrow(/^blueprint second: gold actions\[0\]/);
  });

  it('leaves the base untouched: a fresh state over it still has the order pending', () => {
    goldOutcome(domain, retailBase() as never, [cancel('no longer needed')]);
    expect((new DomainState(retailBase()).get('orders', order.order_id) as { status: string }).status).toBe('pending');
  });
});
