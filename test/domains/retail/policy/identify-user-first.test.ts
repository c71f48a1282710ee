import { describe, expect, it } from 'vitest';
import { retail } from '../../../../domains/retail/index.ts';
import { identifyUserFirst } from '../../../../domains/retail/policy/identify-user-first.ts';
import { cancel, check, checkAll, getOrder, getUser, identifyByEmail, identifyByNameZip, otherUsersOrder, userOf, withStatus } from './policy-fixtures.ts';

const order = withStatus('pending');
const user = userOf(order);
const userId = order.user_id;
const beforeIdentity = (what: string) =>
  `${what} comes before the user ${userId} is identified: first find their user id with find_user_id_by_email or find_user_id_by_name_zip (even when the user gives the id).`;

describe('identify-user-first', () => {
  it('passes when the user is identified by email or by name and zip before their records are read or changed', () => {
    expect(check(identifyUserFirst, userId, [identifyByEmail(user), getOrder(order), cancel(order)])).toEqual([]);
    expect(check(identifyUserFirst, userId, [identifyByNameZip(user), getUser(userId), getOrder(order), cancel(order)])).toEqual([]);
    expect(checkAll(userId, [identifyByEmail(user), getOrder(order), cancel(order)])).toEqual([]);
  });

  it('lets reads that show nothing of the user run first', () => {
    const catalogue = [{ name: 'list_all_product_types', arguments: {} }, { name: 'get_product_details', arguments: { product_id: order.items[0]?.product_id } }];
    expect(check(identifyUserFirst, userId, [...catalogue, identifyByEmail(user), cancel(order)])).toEqual([]);
  });

  it('names every personal read and write made before any identification', () => {
    expect(check(identifyUserFirst, userId, [getUser(userId), getOrder(order), cancel(order)])).toEqual([
      { actionIndex: 0, message: beforeIdentity(`get_user_details for user ${userId}`) },
      { actionIndex: 1, message: beforeIdentity(`get_order_details on order ${order.order_id}`) },
      { actionIndex: 2, message: beforeIdentity(`cancel_pending_order on order ${order.order_id}`) },
    ]);
  });

  it('does not count an identification that found nobody', () => {
    expect(check(identifyUserFirst, userId, [identifyByNameZip(user, '00000'), cancel(order)])).toEqual([
      { actionIndex: 1, message: beforeIdentity(`cancel_pending_order on order ${order.order_id}`) },
    ]);
  });

  it('does not count an identification that found another user', () => {
    const other = userOf(otherUsersOrder(order));
    expect(check(identifyUserFirst, userId, [identifyByEmail(other), cancel(order)])).toEqual([
      { actionIndex: 1, message: beforeIdentity(`cancel_pending_order on order ${order.order_id}`) },
    ]);
  });

  it('governs every write and the reads of the user’s records, not the identification tools', () => {
    const writes = retail.tools.filter((tool) => tool.kind === 'write').map((tool) => tool.name);
    expect([...identifyUserFirst.appliesTo].sort()).toEqual([...writes, 'get_order_details', 'get_user_details'].sort());
  });

  it('names a write made before an identification that comes too late', () => {
    expect(check(identifyUserFirst, userId, [cancel(order), identifyByEmail(user)])).toEqual([
      { actionIndex: 0, message: beforeIdentity(`cancel_pending_order on order ${order.order_id}`) },
    ]);
  });
});
