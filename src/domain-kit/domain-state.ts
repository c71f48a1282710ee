import type { BaseState, DomainData, RecordKey, RecordTypes } from './base-state.ts';
import type { RecordChange, StateChanges } from './canonical-index.ts';
import { ChangeSet } from './change-set.ts';
import { UnknownRecordError } from './errors.ts';
import type { DeepReadonly, JsonObject } from './json.ts';

interface OverlayEntry {
  /** The record as this state sees it, or null once removed. */
  value: JsonObject | null;
  /** Whether this state may write `value` in place (false while it is shared with another fork). */
  owned: boolean;
}

interface JournalEntry {
  collection: string;
  id: string;
  previous: OverlayEntry | undefined;
}

type Collection<R> = keyof R & string;

/**
 * A copy-on-write view of a domain's data: reads fall through to the shared, frozen base; the first
 * write to a record copies just that record into this state's overlay. Forks share every record
 * neither has written, so a thousand live rollouts cost a thousand small overlays, not a thousand
 * copies of the database.
 */
export class DomainState<R extends RecordTypes = RecordTypes> {
  private readonly overlay = new Map<string, Map<string, OverlayEntry>>();
  private journal: JournalEntry[] | undefined;

  constructor(readonly base: BaseState<R>) {
    for (const collection of base.collections) this.overlay.set(collection, new Map());
  }

  /** The record, read-only, or undefined when there is none. */
  get<C extends Collection<R>>(collection: C, id: string): DeepReadonly<R[C]> | undefined {
    const entry = this.collectionOverlay(collection).get(id);
    const value = entry ? entry.value : this.base.get(collection, id);
    return (value ?? undefined) as DeepReadonly<R[C]> | undefined;
  }

  has(collection: Collection<R>, id: string): boolean {
    return this.get(collection, id) !== undefined;
  }

  /** Every record of a collection in data order, records added by this state last. */
  *entries<C extends Collection<R>>(collection: C): IterableIterator<[string, DeepReadonly<R[C]>]> {
    const overlay = this.collectionOverlay(collection);
    for (const id of this.base.ids(collection)) {
      const entry = overlay.get(id);
      const value = entry ? entry.value : this.base.get(collection, id);
      if (value) yield [id, value as DeepReadonly<R[C]>];
    }
    for (const [id, entry] of overlay) {
      if (entry.value && this.base.get(collection, id) === undefined) yield [id, entry.value as DeepReadonly<R[C]>];
    }
  }

  *values<C extends Collection<R>>(collection: C): IterableIterator<DeepReadonly<R[C]>> {
    for (const [, value] of this.entries(collection)) yield value;
  }

  /**
   * The records whose `keyOf` is `key`, in the order `values()` gives them: what filtering `values()` by
   * the key yields, at the cost of the matches and of this state's own writes, not of the collection.
   * `keyOf` must be one long-lived function (the base keeps its grouping per function).
   */
  *valuesWithKey<C extends Collection<R>>(collection: C, keyOf: (record: DeepReadonly<R[C]>) => string, key: string): IterableIterator<DeepReadonly<R[C]>> {
    for (const [, value] of this.entriesWithKey(collection, keyOf, key)) yield value;
  }

  /** `valuesWithKey` with each record's id: what filtering `entries(collection)` by `keyOf(record) === key` yields, in the same order. */
  *entriesWithKey<C extends Collection<R>>(collection: C, keyOf: (record: DeepReadonly<R[C]>) => string, key: string): IterableIterator<[string, DeepReadonly<R[C]>]> {
    const overlay = this.collectionOverlay(collection);
    const grouped = this.base.idsWithKey(collection, keyOf as unknown as RecordKey, key);
    // Base records this state rewrote may have left the group or joined it: they are candidates too, in data order.
    let candidates = grouped;
    if (overlay.size > 0) {
      const ids = new Set(grouped);
      for (const id of overlay.keys()) if (this.base.position(collection, id) !== undefined) ids.add(id);
      if (ids.size > grouped.length) candidates = [...ids].sort((left, right) => (this.base.position(collection, left) as number) - (this.base.position(collection, right) as number));
    }
    for (const id of candidates) {
      const entry = overlay.get(id);
      const value = (entry ? entry.value : this.base.get(collection, id)) as DeepReadonly<R[C]> | null | undefined;
      if (value && keyOf(value) === key) yield [id, value];
    }
    for (const [id, entry] of overlay) {
      const value = entry.value as DeepReadonly<R[C]> | null;
      if (value && this.base.get(collection, id) === undefined && keyOf(value) === key) yield [id, value];
    }
  }

  /** A writable record: copied from the base (or from a shared fork) on the first write. */
  edit<C extends Collection<R>>(collection: C, id: string): R[C] {
    const overlay = this.collectionOverlay(collection);
    const entry = overlay.get(id);
    // Inside a transaction the first write to a record copies it again, so that rollback can restore it.
    if (entry?.owned && entry.value && !this.needsJournal(collection, id)) return entry.value as R[C];
    const current = entry ? entry.value : this.base.get(collection, id);
    if (!current) throw new UnknownRecordError(collection, id);
    const copy = structuredClone(current) as JsonObject;
    this.write(collection, id, { value: copy, owned: true });
    return copy as R[C];
  }

  /** Adds (or replaces) a record. The state takes ownership of `record`. */
  insert<C extends Collection<R>>(collection: C, id: string, record: R[C]): void {
    this.write(collection, id, { value: record as unknown as JsonObject, owned: true });
  }

  remove(collection: Collection<R>, id: string): void {
    if (!this.has(collection, id)) throw new UnknownRecordError(collection, id);
    this.write(collection, id, { value: null, owned: true });
  }

  /**
   * A new state that starts as this one is now. Neither sees the other's later writes: records
   * either had written become shared (read-only) for both, and are copied again on the next write.
   */
  fork(): DomainState<R> {
    const child = new DomainState(this.base);
    for (const [collection, entries] of this.overlay) {
      const childEntries = child.collectionOverlay(collection);
      for (const [id, entry] of entries) {
        entry.owned = false;
        childEntries.set(id, { value: entry.value, owned: false });
      }
    }
    return child;
  }

  /**
   * Runs `body`; if `keep(result)` is false, every write it made is undone. Tools run inside one, so
   * that an action that fails changes nothing.
   */
  transaction<T>(body: () => T, keep: (result: T) => boolean): T {
    if (this.journal) return body();
    this.journal = [];
    try {
      const result = body();
      if (!keep(result)) this.rollback();
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  /** The records this state wrote or removed, relative to its base, per collection. */
  changes(): StateChanges {
    const changes = new Map<string, Map<string, RecordChange>>();
    for (const [collection, entries] of this.overlay) {
      if (entries.size === 0) continue;
      const changed = new Map<string, RecordChange>();
      for (const [id, entry] of entries) changed.set(id, entry.value);
      changes.set(collection, changed);
    }
    return changes;
  }

  /**
   * What this state changed relative to its base, as a comparable value (writes that restored the base's
   * record are no change). Two states over one base are equal exactly when their change sets are; the
   * comparison costs the size of the changes, not of the database.
   */
  changeSet(): ChangeSet {
    return ChangeSet.of(this.base, this.changes());
  }

  /**
   * SHA-256 hex of the RFC 8785 canonical JSON of the whole state (tau-bench's state hash), hashing only
   * what follows the first changed record. To compare states, compare `changeSet()`s: that is cheaper.
   */
  hash(): string {
    return this.changeSet().hash();
  }

  /** The whole state as plain data (collections and records in data order). */
  toData(): DomainData<R> {
    const data: Record<string, Record<string, unknown>> = {};
    for (const collection of this.base.collections) {
      data[collection] = Object.fromEntries(this.entries(collection));
    }
    return data as DomainData<R>;
  }

  private collectionOverlay(collection: string): Map<string, OverlayEntry> {
    const overlay = this.overlay.get(collection);
    if (!overlay) throw new RangeError(`unknown collection "${collection}"`);
    return overlay;
  }

  private write(collection: string, id: string, entry: OverlayEntry) {
    const overlay = this.collectionOverlay(collection);
    if (this.needsJournal(collection, id)) {
      const previous = overlay.get(id);
      this.journal!.push({ collection, id, previous: previous && { ...previous } });
    }
    overlay.set(id, entry);
  }

  private needsJournal(collection: string, id: string): boolean {
    return this.journal !== undefined && !this.journal.some((step) => step.collection === collection && step.id === id);
  }

  private rollback() {
    const journal = this.journal ?? [];
    for (let index = journal.length - 1; index >= 0; index--) {
      const { collection, id, previous } = journal[index] as JournalEntry;
      const overlay = this.collectionOverlay(collection);
      if (previous) overlay.set(id, previous);
      else overlay.delete(id);
    }
    journal.length = 0;
  }
}
