import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { identificationCalls, identificationTools } from '../../../src/blueprints/generation/identification-call.ts';
import { retailTemplates } from '../../../src/blueprints/generation/offline/retail-templates.ts';
import { callSucceeds, writeTargets } from '../../../src/blueprints/generation/write-targets.ts';
import { DomainState, type Domain } from '../../../src/domain-kit/index.ts';
import { seededRandom } from '../../../src/rollout/offline/seeded-random.ts';
import { domainFixture } from './generation-fixtures.ts';

interface UserRecord {
  email: string;
  name: { first_name: string; last_name: string };
  address: { zip: string };
  orders: string[];
}

/** The retail data with a user added last who shares the name and zip code of `twinOf` (a lookup by name and zip finds `twinOf`). */
function retailWithTwin(twinOf: string) {
  const data = structuredClone(retail.loadDefaultData());
  const original = data.users[twinOf];
  if (!original) throw new Error(`no user ${twinOf}`);
  data.users['twin_0001'] = { ...structuredClone(original), user_id: 'twin_0001', email: 'twin.0001@example.com', orders: [] };
  return { domain: retail as unknown as Domain, base: (retail as unknown as Domain).createBase(data as never) };
}

describe('identifying the user', () => {
  it('uses the lookups by what the user says when the domain has them, otherwise the profile by user id', () => {
    expect(identificationTools(domainFixture('retail').domain)).toEqual(['find_user_id_by_email', 'find_user_id_by_name_zip']);
    expect(identificationTools(domainFixture('airline').domain)).toEqual(['get_user_details']);
  });

  it('fills each call from the user record, keeping only calls that find this very user', () => {
    const { domain, base } = domainFixture('retail');
    const [userId, record] = [...new DomainState(base).entries('users')][0] as [string, UserRecord];
    expect(identificationCalls(domain, base, userId)).toEqual([
      { name: 'find_user_id_by_email', arguments: { email: record.email } },
      { name: 'find_user_id_by_name_zip', arguments: { first_name: record.name.first_name, last_name: record.name.last_name, zip: record.address.zip } },
    ]);
    const twin = retailWithTwin(userId);
    expect(identificationCalls(twin.domain, twin.base, 'twin_0001')).toEqual([{ name: 'find_user_id_by_email', arguments: { email: 'twin.0001@example.com' } }]);
    expect(identificationCalls(domain, base, 'nobody_0000')).toEqual([]);

    const airline = domainFixture('airline');
    const [travellerId] = [...new DomainState(airline.base).entries('users')][0] as [string, unknown];
    expect(identificationCalls(airline.domain, airline.base, travellerId)).toEqual([{ name: 'get_user_details', arguments: { user_id: travellerId } }]);
  });

  it('the offline retail templates name the user by email when their name and zip code would find someone else', () => {
    const { base } = domainFixture('retail');
    const [userId] = [...new DomainState(base).entries('users')][0] as [string, UserRecord];
    const twin = retailWithTwin(userId);
    const identity = retailTemplates.identity(new DomainState(twin.base), 'twin_0001', ['find_user_id_by_name_zip'], seededRandom(1));
    expect(identity.action).toEqual({ name: 'find_user_id_by_email', arguments: { email: 'twin.0001@example.com' } });
    expect(identity.sentence).toContain('twin.0001@example.com');
    const own = retailTemplates.identity(new DomainState(base), userId, ['find_user_id_by_name_zip'], seededRandom(1));
    expect(own.action.name).toBe('find_user_id_by_name_zip');
    expect(twin.domain.execute(new DomainState(base), own.action).content).toBe(userId);
  });
});

describe('probing a write (callSucceeds)', () => {
  it('identifies the user first, so a write the policy allows succeeds, in both domains', () => {
    const { domain, base } = domainFixture('retail');
    const state = new DomainState(base);
    const order = [...state.values('orders')].find((candidate) => (candidate as { status: string }).status === 'pending') as { order_id: string; user_id: string };
    expect(callSucceeds(domain, base, order.user_id, { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' } })).toBe(true);
    expect(writeTargets(domain, base, order.user_id, 'cancel_pending_order')).toContain(order.order_id);

    const airline = domainFixture('airline');
    const recent = [...new DomainState(airline.base).values('reservations')].find((candidate) => (candidate as { created_at: string }).created_at >= '2024-05-14T15:00:00') as { reservation_id: string; user_id: string };
    expect(callSucceeds(airline.domain, airline.base, recent.user_id, { name: 'cancel_reservation', arguments: { reservation_id: recent.reservation_id } })).toBe(true);
  });

  it('still judges the write by the rules that govern it, and fails a call the tool refuses', () => {
    const { domain, base } = domainFixture('retail');
    const state = new DomainState(base);
    const order = [...state.values('orders')].find((candidate) => (candidate as { status: string }).status === 'pending') as { order_id: string; user_id: string };
    const other = [...state.values('orders')].find((candidate) => (candidate as { status: string; user_id: string }).status === 'pending' && (candidate as { user_id: string }).user_id !== order.user_id) as { user_id: string };
    // Someone else's order: writes-on-own-records (the tool itself would cancel it).
    expect(callSucceeds(domain, base, other.user_id, { name: 'cancel_pending_order', arguments: { order_id: order.order_id, reason: 'no longer needed' } })).toBe(false);
    expect(callSucceeds(domain, base, order.user_id, { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } })).toBe(false);

    const airline = domainFixture('airline');
    const airlineState = new DomainState(airline.base);
    const flights = (reservation: { flights: Array<{ flight_number: string; date: string }> }) =>
      reservation.flights.every((segment) => (airlineState.get('flights', segment.flight_number) as { dates: Record<string, { status: string }> }).dates[segment.date]?.status === 'available');
    const old = [...airlineState.values('reservations')].find((candidate) => {
      const trip = candidate as { created_at: string; cabin: string; insurance: string; flights: Array<{ flight_number: string; date: string }> };
      return trip.created_at < '2024-05-14T15:00:00' && trip.cabin === 'economy' && trip.insurance === 'no' && flights(trip);
    }) as { reservation_id: string; user_id: string };
    // The cancellation runs, but cancellation-eligibility forbids it.
    expect(airline.domain.execute(new DomainState(airline.base), { name: 'cancel_reservation', arguments: { reservation_id: old.reservation_id } }).ok).toBe(true);
    expect(callSucceeds(airline.domain, airline.base, old.user_id, { name: 'cancel_reservation', arguments: { reservation_id: old.reservation_id } })).toBe(false);
  });
});
