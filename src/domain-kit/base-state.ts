import { deepFreeze, type JsonObject } from './json.ts';
import { CanonicalIndex } from './canonical-index.ts';

/** A domain's records by collection: `{collection: {id: record}}`, e.g. `{orders, products, users}`. */
export type RecordTypes = { [collection: string]: object };

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
