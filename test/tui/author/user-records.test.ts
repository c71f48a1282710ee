import { describe, expect, test } from 'vitest';
import { airline } from '../../../domains/airline/index.ts';
import type { Reservation, User } from '../../../domains/airline/schema.ts';
import { DomainState, type BaseState } from '../../../src/domain-kit/index.ts';
import { filterItems, windowStart } from '../../../src/tui/author/list-search.ts';
import { listUsers } from '../../../src/tui/author/user-directory.ts';
import { describeUserRecords } from '../../../src/tui/author/user-record-lines.ts';
import { pendingOrder, retailBase } from '../../support/default-retail.ts';

const retail = () => retailBase() as unknown as BaseState;

describe('users and their records', () => {
  test('users are searchable by id, name and email; every word of the query must match', () => {
    const order = pendingOrder();
    const users = listUsers(retail());
    const user = users.find((entry) => entry.key === order.user_id);
    if (!user) throw new Error('no such user');
    expect(users).toHaveLength(new DomainState(retail()).base.ids('users').length);
    const [first, last] = user.name.split(' ') as [string, string];
    expect(filterItems(users, user.email.toUpperCase()).map((entry) => entry.key)).toEqual([order.user_id]);
    expect(filterItems(users, `${last.toLowerCase()} ${first}`).map((entry) => entry.key)).toContain(order.user_id);
    expect(filterItems(users, `${order.user_id} zzz-no-such-word`)).toEqual([]);
    expect(filterItems(users, '  ')).toHaveLength(users.length);
  });

  test('retail records: payment methods, then each order with its status and items (with item ids)', () => {
    const order = pendingOrder();
    const lines = describeUserRecords('retail', retail(), order.user_id);
    expect(lines[1]).toMatch(/^payment: /);
    expect(lines).toContain(`orders (${(new DomainState(retail()).get('users', order.user_id) as { orders: string[] }).orders.length}):`);
    const orderLine = lines.findIndex((line) => line.startsWith(`${order.order_id} pending · ${order.items.length} item(s)`));
    expect(orderLine).toBeGreaterThan(0);
    for (const [offset, item] of order.items.entries()) expect(lines[orderLine + 1 + offset]).toMatch(new RegExp(`^  ${item.item_id} ${item.name} \\(`));
    expect(describeUserRecords('retail', retail(), 'nobody_1')).toEqual(['no user "nobody_1" in the data']);
  });

  test('airline records: membership, payment methods, reservations with their flights', () => {
    const base = airline.createBase() as unknown as BaseState;
    const state = new DomainState(base);
    const [userId, user] = state.entries('users').next().value as [string, User];
    const lines = describeUserRecords('airline', base, userId);
    expect(lines[0]).toContain(`${user.membership} member`);
    expect(lines).toContain(`reservations (${user.reservations.length}):`);
    const first = state.get('reservations', user.reservations[0] as string) as Reservation;
    const index = lines.findIndex((line) => line.startsWith(`${first.reservation_id} ${first.origin}->${first.destination} ${first.flight_type} ${first.cabin}`));
    expect(index).toBeGreaterThan(0);
    expect(lines[index + 1]).toBe(`  ${first.flights[0]?.flight_number} ${first.flights[0]?.date} ${first.flights[0]?.origin}->${first.flights[0]?.destination} $${first.flights[0]?.price}`);
  });

  test('list windows keep the selection in view', () => {
    expect(windowStart(5, 10, 4)).toBe(0);
    expect(windowStart(100, 10, 0)).toBe(0);
    expect(windowStart(100, 10, 50)).toBe(45);
    expect(windowStart(100, 10, 99)).toBe(90);
  });
});
