import type { BaseState } from './base-state.ts';
import type { RecordChange, StateChanges } from './canonical-index.ts';
import { canonicalJson, canonicalJsonOnce } from './canonical-json.ts';

/** Per collection, per record id: the record's canonical (RFC 8785) text, or null when it was removed. */
export type ChangedRecordTexts = ReadonlyMap<string, ReadonlyMap<string, string | null>>;

const byCodeUnits = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);

/**
 * What a state changed relative to its base, as a value: every record whose content differs from the
 * base's, in canonical form. A write that leaves a record as the base has it (changed, then restored) is
 * no change, and neither is a record inserted and removed again, so two states over one base are equal
 * exactly when their change sets are. `text` is the RFC 8785 form of `{collection: {id: record or null}}`
 * (null: removed), collections and ids sorted, empty collections left out: comparing two states costs the
 * size of their changes, never the size of the database.
 */
export class ChangeSet {
  /** The RFC 8785 text of the changes; equal texts mean equal states (over the same base). */
  readonly text: string;
  private fullHash: string | undefined;

  private constructor(
    readonly base: BaseState,
    /** The changed records' canonical texts, collections and ids in sorted order. */
    readonly records: ChangedRecordTexts,
  ) {
    const collections: string[] = [];
    for (const [collection, texts] of records) {
      const entries: string[] = [];
      for (const [id, text] of texts) entries.push(`${canonicalJson(id)}:${text ?? 'null'}`);
      collections.push(`${canonicalJson(collection)}:{${entries.join(',')}}`);
    }
    this.text = `{${collections.join(',')}}`;
  }

  /** The change set of `changes` (what a state wrote, as `DomainState.changes()` gives it) over `base`. */
  static of(base: BaseState, changes: StateChanges): ChangeSet {
    const records = new Map<string, Map<string, string | null>>();
    for (const collection of [...changes.keys()].sort(byCodeUnits)) {
      const written = changes.get(collection) as ReadonlyMap<string, RecordChange>;
      const texts = new Map<string, string | null>();
      for (const id of [...written.keys()].sort(byCodeUnits)) {
        const value = written.get(id);
        const original = base.get(collection, id);
        if (value === null || value === undefined) {
          // Removed: a change only if the base has the record (one inserted and removed again is none).
          if (original !== undefined) texts.set(id, null);
          continue;
        }
        const text = canonicalJson(value);
        // A base's records are deep-frozen and shared by every state over it: their texts are made once, not once per change set.
        if (original === undefined || canonicalJsonOnce(original) !== text) texts.set(id, text);
      }
      if (texts.size > 0) records.set(collection, texts);
    }
    return new ChangeSet(base, records);
  }

  /** No record differs from the base. */
  get isEmpty(): boolean {
    return this.records.size === 0;
  }

  /** How many records differ from the base. */
  get size(): number {
    let count = 0;
    for (const texts of this.records.values()) count += texts.size;
    return count;
  }

  /** Whether the two states this describes are equal: same base, same changes. */
  equals(other: ChangeSet): boolean {
    return this.base === other.base && this.text === other.text;
  }

  /**
   * The tau-bench-compatible state hash (SHA-256 of the RFC 8785 form of the whole state), computed on
   * the first call and kept. It costs the bytes after the first changed record, so it is asked for only
   * where a hash is carried (verdicts as written, exports, parity), once per distinct change set: the
   * base's index remembers recent ones by `text`.
   */
  hash(): string {
    this.fullHash ??= this.base.canonicalIndex().hashWith(this);
    return this.fullHash;
  }
}
