import { describe, expect, it } from 'vitest';
import { airline } from '../../domains/airline/index.ts';
import { retail } from '../../domains/retail/index.ts';
import type { Domain } from '../../src/domain-kit/index.ts';
import { DomainState } from '../../src/domain-kit/index.ts';
import { impliedIdentificationCall } from '../../src/interop/implied-identification.ts';
import { retailBase } from '../support/default-retail.ts';

const retailDomain = retail as unknown as Domain;
const userId = 'chet_klein_6896';
const user = new DomainState(retailBase()).get('users', userId);
if (!user) throw new Error(`the shipped retail data has no user ${userId}`);
const byEmail = { name: 'find_user_id_by_email', arguments: { email: user.email } };
const byNameZip = { name: 'find_user_id_by_name_zip', arguments: { first_name: user.name.first_name, last_name: user.name.last_name, zip: user.address.zip } };
const cancel = { name: 'cancel_pending_order', arguments: { order_id: '#W4049349', reason: 'ordered by mistake' } };

describe('impliedIdentificationCall', () => {
  it('finds the user with what the instruction gives: the email, else the name and zip code', () => {
    const base = retailBase();
    const withEmail = `Your email is ${user.email.toUpperCase()}. Cancel order #W4049349.`;
    expect(impliedIdentificationCall(retailDomain, base, { userId: userId, instruction: withEmail, actions: [cancel] })).toEqual(byEmail);
    const withNameZip = `Your name is ${user.name.first_name} ${user.name.last_name} and your zip code is ${user.address.zip}.`;
    expect(impliedIdentificationCall(retailDomain, base, { userId: userId, instruction: withNameZip, actions: [cancel] })).toEqual(byNameZip);
  });

  it('adds nothing when the gold already starts with it, or when the instruction gives nothing to identify the user with', () => {
    const base = retailBase();
    expect(impliedIdentificationCall(retailDomain, base, { userId: userId, instruction: `Your email is ${user.email}.`, actions: [byEmail, cancel] })).toBeUndefined();
    expect(impliedIdentificationCall(retailDomain, base, { userId: userId, instruction: `Your name is ${user.name.first_name}. Cancel my order.`, actions: [cancel] })).toBeUndefined();
  });

  it('is a read: the state after it is the state before', () => {
    const base = retailBase();
    const call = impliedIdentificationCall(retailDomain, base, { userId: userId, instruction: `My email is ${user.email}`, actions: [] });
    const state = new DomainState(base);
    const result = retailDomain.execute(state, { name: call!.name, arguments: call!.arguments });
    expect(result).toMatchObject({ ok: true, kind: 'read', content: userId });
    expect(state.hash()).toBe(base.hash());
  });

  it('airline: reads the profile of the user id the instruction gives', () => {
    const domain = airline as unknown as Domain;
    const base = domain.createBase();
    const airlineUser = base.ids('users')[0] as string;
    expect(impliedIdentificationCall(domain, base, { userId: airlineUser, instruction: `Your user id is ${airlineUser}.`, actions: [] })).toEqual({ name: 'get_user_details', arguments: { user_id: airlineUser } });
    expect(impliedIdentificationCall(domain, base, { userId: airlineUser, instruction: 'You want to cancel a flight.', actions: [] })).toBeUndefined();
  });
});
