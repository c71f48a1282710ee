import { deepFreeze, type JsonObject } from './json.ts';
import { CanonicalIndex } from './canonical-index.ts';

/** A domain's records by collection: `{collection: {id: record}}`, e.g. `{orders, products, users}`. */
export type RecordTypes = { [collection: string]: object };

/**
 * What a keyed lookup groups a collection's records by (e.g. a flight's route: origin and destination). A lookup
 * is built once per base and key function, so pass one long-lived function, not a fresh closure per call.
 */
export type RecordKey = (record: JsonObject) => string;

/** The data of a domain as it is stored on disk and hashed. */
export type DomainData<R extends RecordTypes = RecordTypes> = { [C in keyof R]: { [id: string]: R[C] } };

/**
 * The immutable starting point that every rollout state forks from. Its records are deep-frozen and
 * shared by all forks; its canonical serialisation and hash checkpoints are built once, on first use.
 */
export class BaseState<R extends RecordTypes = RecordTypes> {
  readonly collections: readonly (keyof R & string)[];
  private readonly data: DomainData<R>;
  private readonly idsByCollection = new Map<string, readonly string[]>();
  private index: CanonicalIndex | undefined;
  private readonly positions = new Map<string, ReadonlyMap<string, number>>();
  private readonly lookups = new Map<string, WeakMap<RecordKey, ReadonlyMap<string, readonly string[]>>>();

  /** Takes ownership of `data` and freezes it: callers keep no writable reference. */
  constructor(data: DomainData<R>) {
    this.data = deepFreeze(data);
    this.collections = Object.keys(data).sort() as (keyof R & string)[];
    for (const collection of this.collections) {
      this.idsByCollection.set(collection, Object.keys(data[collection]));
    }
  }

  hasCollection(collection: string): boolean {
    return this.idsByCollection.has(collection);
  }

  /** The record ids of a collection in data order (the order tools iterate them in). */
  ids(collection: keyof R & string): readonly string[] {
    const ids = this.idsByCollection.get(collection);
    if (!ids) throw new RangeError(`unknown collection "${collection}"`);
    return ids;
  }

  /** Where a record stands in data order, or undefined when the base has no such record. */
  position(collection: keyof R & string, id: string): number | undefined {
    let positions = this.positions.get(collection);
    if (!positions) {
      positions = new Map(this.ids(collection).map((recordId, index) => [recordId, index]));
      this.positions.set(collection, positions);
    }
    return positions.get(id);
  }

  /**
   * The ids of the records whose `keyOf` is `key`, in data order. The grouping is built on first use
   * (one pass over the collection) and kept, so that a search tool costs its matches, not the collection.
   */
  idsWithKey(collection: keyof R & string, keyOf: RecordKey, key: string): readonly string[] {
    let byFunction = this.lookups.get(collection);
    if (!byFunction) {
      byFunction = new WeakMap();
      this.lookups.set(collection, byFunction);
    }
    let groups = byFunction.get(keyOf);
    if (!groups) {
      const grouped = new Map<string, string[]>();
      for (const id of this.ids(collection)) {
        const group = keyOf(this.get(collection, id) as JsonObject);
        const ids = grouped.get(group);
        if (ids) ids.push(id);
        else grouped.set(group, [id]);
      }
      groups = grouped;
      byFunction.set(keyOf, groups);
    }
    return groups.get(key) ?? [];
  }

  get(collection: keyof R & string, id: string): JsonObject | undefined {
    const records = this.data[collection] as unknown as Record<string, JsonObject>;
    return Object.hasOwn(records, id) ? records[id] : undefined;
  }

  /** The frozen data itself (collections in data order). */
  raw(): DomainData<R> {
    return this.data;
  }

  /** Canonical serialisation with hash checkpoints, built lazily and kept. */
  canonicalIndex(): CanonicalIndex {
    this.index ??= new CanonicalIndex(this.data as unknown as Record<string, Record<string, JsonObject>>);
    return this.index;
  }

  /** SHA-256 hex of the RFC 8785 form of the untouched data. */
  hash(): string {
    return this.canonicalIndex().baseHash;
  }
}
