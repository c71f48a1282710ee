import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionFile, formatCollection, type DomainData } from '../../../../src/domain-kit/index.ts';
import { DEFAULT_SEED, generateRetailData } from '../../../../domains/retail/data/generate.ts';
import { productCatalogue } from '../../../../domains/retail/data/product-catalogue.ts';
import { retail } from '../../../../domains/retail/index.ts';
import type { Order, RetailRecords, User } from '../../../../domains/retail/schema.ts';
import { retailIntegrityProblems } from './retail-data-integrity.ts';

const dataFolder = new URL('../../../../domains/retail/data/', import.meta.url).pathname;
const collections = ['orders', 'products', 'users'] as const;
const data = generateRetailData({ seed: DEFAULT_SEED });
const orders = Object.values(data.orders);
const users = Object.values(data.users);
const products = Object.values(data.products);
const asText = (generated: DomainData<RetailRecords>) => collections.map((collection) => formatCollection(generated[collection])).join('');
const withStatus = (status: string) => orders.filter((order) => order.status === status);
const userOf = (order: Order) => data.users[order.user_id] as User;

describe('generateRetailData', () => {
  it('gives byte-identical data for the same seed', () => {
    expect(asText(generateRetailData({ seed: DEFAULT_SEED }))).toBe(asText(data));
  });

  it('gives different data for a different seed', () => {
    const other = generateRetailData({ seed: DEFAULT_SEED + 1 });
    expect(asText(other)).not.toBe(asText(data));
    expect(Object.keys(other.users)).not.toEqual(Object.keys(data.users));
  });

  it('is about the size of tau-bench at scale 1', () => {
    expect(orders).toHaveLength(1000);
    expect(users).toHaveLength(500);
    expect(products).toHaveLength(50);
    const variants = products.reduce((total, product) => total + Object.keys(product.variants).length, 0);
    expect(variants).toBeGreaterThan(450);
    expect(variants).toBeLessThan(750);
  });

  it('scales record counts proportionally', () => {
    const small = generateRetailData({ seed: DEFAULT_SEED, scale: 0.1 });
    expect(Object.keys(small.orders)).toHaveLength(100);
    expect(Object.keys(small.users)).toHaveLength(50);
    expect(Object.keys(small.products)).toHaveLength(5);
    expect(retailIntegrityProblems(small)).toEqual([]);
    const large = generateRetailData({ seed: DEFAULT_SEED, scale: 3 });
    expect(Object.keys(large.orders)).toHaveLength(3000);
    expect(Object.keys(large.products)).toHaveLength(productCatalogue.length);
  });

  it('rejects a seed that is not a whole number and a scale that is not positive', () => {
    expect(() => generateRetailData({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateRetailData({ seed: 1, scale: 0 })).toThrow(RangeError);
    expect(() => generateRetailData({ seed: 1, scale: Number.NaN })).toThrow(RangeError);
  });

  it('passes the retail record schemas', () => {
    expect(() => retail.checkData(structuredClone(data), 'generated')).not.toThrow();
  });

  it('is internally consistent', () => {
    expect(retailIntegrityProblems(data)).toEqual([]);
  });

  it('has an integrity check that notices each kind of contradiction', () => {
    const broken = structuredClone(data);
    const [pending, delivered, cancelled] = ['pending', 'delivered', 'cancelled'].map((status) => Object.values(broken.orders).find((order) => order.status === status) as Order);
    const stranger = Object.values(broken.users).find((user) => pending && !user.orders.includes(pending.order_id)) as User;
    pending!.fulfillments.push({ tracking_id: ['123456789012'], item_ids: [] });
    pending!.payment_history[0]!.payment_method_id = Object.keys(stranger.payment_methods)[0]!;
    delivered!.items[0]!.price += 1;
    cancelled!.payment_history.pop();
    (broken.users[delivered!.user_id] as User).orders.pop();
    const problems = retailIntegrityProblems(broken).join('\n');
    expect(problems).toContain(`order ${pending!.order_id}: pending order has fulfillments`);
    expect(problems).toContain(`order ${pending!.order_id}: paid with`);
    expect(problems).toContain(`order ${delivered!.order_id}: item ${delivered!.items[0]!.item_id} costs`);
    expect(problems).toContain(`order ${cancelled!.order_id}: cancelled order has payment history`);
    expect(problems).toMatch(/missing from .*'s orders/);
  });

  it('is internally consistent for any seed (small scale)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        expect(retailIntegrityProblems(generateRetailData({ seed, scale: 0.05 }))).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it('uses tau-bench\'s id formats and field order, with unique ids, names and emails', () => {
    for (const [userId, user] of Object.entries(data.users)) {
      expect(userId).toMatch(/^[a-z]+_[a-z]+_\d{4}$/);
      expect(Object.keys(user)).toEqual(['name', 'address', 'email', 'payment_methods', 'orders']);
      expect(Object.keys(user.address)).toEqual(['address1', 'address2', 'city', 'country', 'state', 'zip']);
      expect(user.address.zip).toMatch(/^\d{5}$/);
      for (const [methodId, method] of Object.entries(user.payment_methods)) {
        expect(methodId).toMatch(/^(credit_card|paypal|gift_card)_\d{7}$/);
        const fields = { credit_card: ['source', 'brand', 'last_four', 'id'], paypal: ['source', 'id'], gift_card: ['source', 'balance', 'id'] };
        expect(Object.keys(method)).toEqual(fields[method.source]);
      }
    }
    for (const [orderId, order] of Object.entries(data.orders)) {
      expect(orderId).toMatch(/^#W\d{7}$/);
      expect(Object.keys(order)).toEqual(['order_id', 'user_id', 'address', 'items', 'fulfillments', 'status', 'payment_history']);
      for (const item of order.items) expect(Object.keys(item)).toEqual(['name', 'product_id', 'item_id', 'price', 'options']);
      for (const fulfillment of order.fulfillments) for (const trackingId of fulfillment.tracking_id) expect(trackingId).toMatch(/^\d{12}$/);
    }
    const itemIds = products.flatMap((product) => Object.keys(product.variants));
    const productIds = Object.keys(data.products);
    for (const id of [...itemIds, ...productIds]) expect(id).toMatch(/^\d{10}$/);
    expect(new Set([...itemIds, ...productIds]).size).toBe(itemIds.length + productIds.length);
    expect(new Set(products.map((product) => product.name)).size).toBe(products.length);
    expect(new Set(users.map((user) => user.email)).size).toBe(users.length);
    const namesAndZips = users.map((user) => `${user.name.first_name} ${user.name.last_name} ${user.address.zip}`.toLowerCase());
    expect(new Set(namesAndZips).size).toBe(users.length);
  });

  it('distributes statuses like tau-bench', () => {
    expect(withStatus('pending')).toHaveLength(420);
    expect(withStatus('delivered')).toHaveLength(370);
    expect(withStatus('processed')).toHaveLength(105);
    expect(withStatus('cancelled')).toHaveLength(105);
  });

  it('gives every write tool plenty to act on', () => {
    const alternatives = (order: Order) =>
      order.items.filter((item) => Object.values(data.products[item.product_id]?.variants ?? {}).some((variant) => variant.available && variant.item_id !== item.item_id));
    const methods = users.flatMap((user) => Object.values(user.payment_methods));
    // cancel_pending_order, modify_pending_order_address
    expect(withStatus('pending').length).toBeGreaterThan(300);
    // modify_pending_order_items / exchange_delivered_order_items need another available variant
    expect(withStatus('pending').filter((order) => alternatives(order).length > 0).length).toBeGreaterThan(300);
    expect(withStatus('delivered').filter((order) => alternatives(order).length > 0).length).toBeGreaterThan(300);
    // return_delivered_order_items, modify_pending_order_payment (needs a second method)
    expect(withStatus('delivered').length).toBeGreaterThan(300);
    expect(withStatus('pending').filter((order) => Object.keys(userOf(order).payment_methods).length >= 2).length).toBeGreaterThan(100);
    for (const source of ['credit_card', 'paypal', 'gift_card']) expect(methods.filter((method) => method.source === source).length).toBeGreaterThan(150);
    const giftCards = methods.flatMap((method) => (method.source === 'gift_card' ? [method.balance] : []));
    expect(giftCards.filter((balance) => balance > 100).length).toBeGreaterThan(30);
    for (const product of products) {
      expect(Object.values(product.variants).filter((variant) => variant.available).length).toBeGreaterThanOrEqual(3);
    }
    expect(products.flatMap((product) => Object.values(product.variants)).filter((variant) => !variant.available).length).toBeGreaterThan(100);
    // modify_user_address and the lookups need users who have orders
    expect(users.filter((user) => user.orders.length > 0).length).toBeGreaterThan(400);
  });

  it('is the shipped default database, byte for byte', () => {
    for (const collection of collections) {
      expect(readFileSync(collectionFile(dataFolder, collection), 'utf8'), `${collection}.json`).toBe(formatCollection(data[collection]));
    }
    expect(retail.loadDefaultData()).toEqual(data);
  });
});
