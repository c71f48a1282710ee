import type { BaseState, Domain, JsonObject } from '../../domain-kit/index.ts';
import { idParameterName } from './parameter-names.ts';
import { collectStrings } from './record-values.ts';

/** One record shown to the generator: where it lives, its id, and its (possibly trimmed) content. */
export interface ContextRecord {
  collection: string;
  id: string;
  record: JsonObject;
}

/** The collection that holds users (the one whose id parameter is `user_id`). */
export function userCollection(domain: Domain): string {
  const found = domain.collections.find((collection) => idParameterName(collection, domain.idFields[collection]) === 'user_id');
  if (!found) throw new Error(`domain ${domain.name} has no user collection`);
  return found;
}

/**
 * A user's own records: those whose ids the user record lists (retail: the user's orders; airline:
 * the user's reservations), in the order the user lists them.
 */
export function ownedRecords(domain: Domain, base: BaseState, userId: string): ContextRecord[] {
  const users = userCollection(domain);
  const user = base.get(users, userId);
  if (!user) return [];
  const owned: ContextRecord[] = [];
  for (const id of collectStrings(user)) {
    for (const collection of domain.collections) {
      if (collection === users) continue;
      const record = base.get(collection, id);
      if (record) owned.push({ collection, id, record });
    }
  }
  return owned;
}

/**
 * Records the owned ones point to in other collections (retail: the products of the ordered items;
 * airline: the booked flights), with large keyed maps (variants by item id, dates of a flight) cut
 * down to the entries the owned records mention plus a few others.
 */
export function relatedRecords(domain: Domain, base: BaseState, owned: readonly ContextRecord[], options: { maxRecords?: number; maxMapEntries?: number } = {}): ContextRecord[] {
  const users = userCollection(domain);
  const ownedCollections = new Set(owned.map((entry) => entry.collection));
  const mentioned = new Set<string>();
  for (const entry of owned) collectStrings(entry.record, mentioned);
  const related: ContextRecord[] = [];
  for (const id of mentioned) {
    for (const collection of domain.collections) {
      if (collection === users || ownedCollections.has(collection)) continue;
      const record = base.get(collection, id);
      if (record && !related.some((entry) => entry.collection === collection && entry.id === id)) {
        related.push({ collection, id, record: trimKeyedMaps(record, mentioned, options.maxMapEntries ?? 12) as JsonObject });
      }
    }
    if (related.length >= (options.maxRecords ?? 8)) break;
  }
  return related;
}

const fieldName = /^[a-z][a-z0-9_ ]*$/;

/** Objects keyed by data (ids, dates) rather than field names, cut to the mentioned keys first, then the others, up to `max`. */
function trimKeyedMaps(value: unknown, mentioned: ReadonlySet<string>, max: number): unknown {
  if (Array.isArray(value)) return value.map((child) => trimKeyedMaps(child, mentioned, max));
  if (value === null || typeof value !== 'object') return value;
  let entries = Object.entries(value);
  const keyedByData = entries.length > max && entries.some(([key]) => !fieldName.test(key));
  if (keyedByData) entries = [...entries.filter(([key]) => mentioned.has(key)), ...entries.filter(([key]) => !mentioned.has(key))].slice(0, max);
  return Object.fromEntries(entries.map(([key, child]) => [key, trimKeyedMaps(child, mentioned, max)]));
}

/** Keeps records, in order, while their JSON fits in `budget` characters (the first is always kept). */
export function withinBudget(records: readonly ContextRecord[], budget: number): ContextRecord[] {
  const kept: ContextRecord[] = [];
  let used = 0;
  for (const entry of records) {
    const size = JSON.stringify(entry.record).length;
    if (kept.length > 0 && used + size > budget) continue;
    kept.push(entry);
    used += size;
  }
  return kept;
}
