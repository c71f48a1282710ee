import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { ChangedRecordTexts, ChangeSet } from './change-set.ts';
import type { JsonObject } from './json.ts';

/** A record that was written (a JSON object) or removed (`null`), relative to the base. */
export type RecordChange = JsonObject | null;

/** Per collection, the ids a state changed and their new value, relative to its base. */
export type StateChanges = ReadonlyMap<string, ReadonlyMap<string, RecordChange>>;

interface CollectionLayout {
  name: string;
  /** Record ids sorted by UTF-16 code units, as RFC 8785 orders object keys. */
  sortedIds: string[];
  /** Byte offset where entry i (`"id":{...}`) starts. */
  entryStart: number[];
  /** Byte offset just past entry i. */
  entryEnd: number[];
  /**
   * checkpoints[i]: the SHA-256 state after every byte before entry i's separator (before the comma
   * for i > 0, right after the opening brace for i = 0). checkpoints[n] stands before the closing brace.
   */
  checkpoints: Hash[];
  /** Byte offset of the comma before `"name":{` (or of the name itself for the first collection). */
  start: number;
  /** Byte offset just past the collection's closing brace. */
  end: number;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** How many recent state hashes an index remembers. */
const RECENT_HASH_LIMIT = 512;

function lowerBound(sorted: readonly string[], id: string, from = 0): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The canonical (RFC 8785) bytes of a base state, laid out record by record, with a saved SHA-256
 * state before every record. A changed state is hashed by resuming from the checkpoint of its first
 * changed record and feeding only what follows: unchanged runs straight from the base bytes, changed
 * records freshly serialised. Nothing before the first change is hashed again.
 */
export class CanonicalIndex {
  readonly bytes: Buffer;
  readonly baseHash: string;
  private readonly layouts: CollectionLayout[] = [];
  /**
   * Recent hashes by the canonical text of their changes, least recently used first. Rollouts of one
   * blueprint keep reaching the same states (the gold replay, the agent's replay, the rollout's own
   * state), and each miss re-hashes everything after the first change — megabytes for a large base.
   */
  private readonly recentHashes = new Map<string, string>();

  constructor(data: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>) {
    const pieces: Buffer[] = [];
    let offset = 0;
    const running = createHash('sha256');
    const push = (piece: Buffer) => {
      pieces.push(piece);
      running.update(piece);
      offset += piece.length;
    };
    push(utf8('{'));
    const names = Object.keys(data).sort();
    names.forEach((name, collectionIndex) => {
      const start = offset;
      push(utf8(`${collectionIndex > 0 ? ',' : ''}${JSON.stringify(name)}:{`));
      const records = data[name] as Readonly<Record<string, JsonObject>>;
      const sortedIds = Object.keys(records).sort();
      const layout: CollectionLayout = { name, sortedIds, entryStart: [], entryEnd: [], checkpoints: [], start, end: 0 };
      sortedIds.forEach((id, entryIndex) => {
        layout.checkpoints.push(running.copy());
        if (entryIndex > 0) push(utf8(','));
        layout.entryStart.push(offset);
        push(utf8(`${JSON.stringify(id)}:${canonicalJson(records[id])}`));
        layout.entryEnd.push(offset);
      });
      layout.checkpoints.push(running.copy());
      push(utf8('}'));
      layout.end = offset;
      this.layouts.push(layout);
    });
    push(utf8('}'));
    this.bytes = Buffer.concat(pieces);
    this.baseHash = running.digest('hex');
  }

  /**
   * SHA-256 hex of the canonical form of base + changes. Records the change set leaves as the base has
   * them are not in it, so hashing starts at the first record that really differs.
   */
  hashWith(changes: ChangeSet): string {
    const first = this.firstChange(changes.records);
    if (!first) return this.baseHash;
    const key = changes.text;
    const known = this.recentHashes.get(key);
    if (known !== undefined) {
      this.recentHashes.delete(key);
      this.recentHashes.set(key, known);
      return known;
    }
    const digest = this.digestWith(changes.records, first);
    this.recentHashes.set(key, digest);
    if (this.recentHashes.size > RECENT_HASH_LIMIT) this.recentHashes.delete(this.recentHashes.keys().next().value as string);
    return digest;
  }

  private digestWith(changes: ChangedRecordTexts, first: { collection: number; entry: number }): string {
    const hash = (this.layouts[first.collection] as CollectionLayout).checkpoints[first.entry]!.copy();
    for (let collectionIndex = first.collection; collectionIndex < this.layouts.length; collectionIndex++) {
      const layout = this.layouts[collectionIndex] as CollectionLayout;
      const changed = changes.get(layout.name);
      const fromEntry = collectionIndex === first.collection ? first.entry : 0;
      if (collectionIndex > first.collection) {
        if (!changed || changed.size === 0) {
          hash.update(this.bytes.subarray(layout.start, layout.end));
          continue;
        }
        hash.update(this.bytes.subarray(layout.start, layout.entryStart[0] ?? layout.end - 1));
      }
      this.hashCollection(hash, layout, fromEntry, changed ?? new Map());
      hash.update('}');
    }
    hash.update('}');
    return hash.digest('hex');
  }

  private hashCollection(hash: Hash, layout: CollectionLayout, fromEntry: number, changed: ReadonlyMap<string, string | null>) {
    const { sortedIds } = layout;
    // Entries before fromEntry are unchanged and already hashed, so a comma precedes the next one.
    let written = fromEntry > 0;
    const emitBaseRun = (from: number, to: number) => {
      if (from >= to) return;
      // Base entries after the first carry their own leading comma; the first one never does.
      let start = layout.entryStart[from] as number;
      if (written && from > 0) start -= 1;
      else if (written) hash.update(',');
      hash.update(this.bytes.subarray(start, layout.entryEnd[to - 1]));
      written = true;
    };
    const emitChanged = (id: string, value: string | null) => {
      if (value === null) return;
      hash.update(`${written ? ',' : ''}${JSON.stringify(id)}:${value}`);
      written = true;
    };
    const changedIds = [...changed.keys()].sort();
    let entry = fromEntry;
    for (const id of changedIds) {
      const position = lowerBound(sortedIds, id, entry);
      emitBaseRun(entry, position);
      entry = position;
      if (sortedIds[entry] === id) entry++;
      emitChanged(id, changed.get(id) as string | null);
    }
    emitBaseRun(entry, sortedIds.length);
  }

  private firstChange(changes: ChangedRecordTexts): { collection: number; entry: number } | undefined {
    for (let collection = 0; collection < this.layouts.length; collection++) {
      const layout = this.layouts[collection] as CollectionLayout;
      const changed = changes.get(layout.name);
      if (!changed || changed.size === 0) continue;
      let entry = layout.sortedIds.length;
      for (const id of changed.keys()) entry = Math.min(entry, lowerBound(layout.sortedIds, id));
      return { collection, entry };
    }
    return undefined;
  }
}
