import jsonPatch from 'fast-json-patch';
import type { RecordTypes } from './base-state.ts';
import type { DomainState } from './domain-state.ts';
import type { JsonValue } from './json.ts';

/** One RFC 6902 JSON Patch operation over the state document `{collection: {id: record}}`. */
export type PatchOperation =
  | { op: 'add'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: JsonValue };

/** A state change as a JSON Patch, plus the values it replaced or removed (for reading, not applying). */
export interface StateDiff {
  patch: PatchOperation[];
  /** For each replace/remove operation (same index as in `patch`), the value before; undefined for adds. */
  previous: (JsonValue | undefined)[];
}

const pointer = (...parts: string[]) => parts.map((part) => `/${jsonPatch.escapePathComponent(part)}`).join('');

/**
 * The change from `before` to `after` as a standard JSON Patch (RFC 6902). Only records that either
 * state wrote are compared, so the cost follows the size of the change, not of the database.
 */
export function diffStates<R extends RecordTypes>(before: DomainState<R>, after: DomainState<R>): StateDiff {
  const candidates = new Map<string, Set<string>>();
  for (const state of [before, after]) {
    for (const [collection, changed] of state.changes()) {
      const ids = candidates.get(collection) ?? new Set<string>();
      for (const id of changed.keys()) ids.add(id);
      candidates.set(collection, ids);
    }
  }
  if (before.base !== after.base) {
    for (const collection of after.base.collections) {
      const ids = candidates.get(collection) ?? new Set<string>();
      for (const [id] of before.entries(collection)) ids.add(id);
      for (const [id] of after.entries(collection)) ids.add(id);
      candidates.set(collection, ids);
    }
  }
  const diff: StateDiff = { patch: [], previous: [] };
  for (const collection of [...candidates.keys()].sort()) {
    for (const id of [...(candidates.get(collection) as Set<string>)].sort()) {
      const old = before.get(collection, id) as JsonValue | undefined;
      const next = after.get(collection, id) as JsonValue | undefined;
      const path = pointer(collection, id);
      if (old === undefined && next === undefined) continue;
      if (old === undefined) {
        diff.patch.push({ op: 'add', path, value: structuredClone(next as JsonValue) });
        diff.previous.push(undefined);
      } else if (next === undefined) {
        diff.patch.push({ op: 'remove', path });
        diff.previous.push(structuredClone(old));
      } else {
        for (const operation of jsonPatch.compare(old as object, next as object)) {
          const full = { ...operation, path: path + operation.path } as PatchOperation;
          diff.patch.push(full);
          diff.previous.push(operation.op === 'add' ? undefined : structuredClone(jsonPatch.getValueByPointer(old, operation.path)));
        }
      }
    }
  }
  return diff;
}

const show = (value: JsonValue | undefined) => JSON.stringify(value);

/**
 * A compact reading of a diff, one line per change grouped by record:
 *
 *     orders/#W5442520
 *       ~ status: "pending" -> "cancelled"
 *       + cancel_reason: "no longer needed"
 */
export function renderDiff(diff: StateDiff): string {
  if (diff.patch.length === 0) return '(no change)';
  const lines: string[] = [];
  let currentRecord = '';
  diff.patch.forEach((operation, index) => {
    const parts = operation.path.split('/').slice(1).map(jsonPatch.unescapePathComponent);
    const record = parts.slice(0, 2).join('/');
    const field = parts.slice(2).join('/');
    if (!field) {
      const sign = operation.op === 'add' ? '+' : operation.op === 'remove' ? '-' : '~';
      lines.push(`${sign} ${record}${operation.op === 'remove' ? '' : ` ${show(operation.value)}`}`);
      currentRecord = '';
      return;
    }
    if (record !== currentRecord) {
      lines.push(record);
      currentRecord = record;
    }
    if (operation.op === 'add') lines.push(`  + ${field}: ${show(operation.value)}`);
    else if (operation.op === 'remove') lines.push(`  - ${field}: ${show(diff.previous[index])}`);
    else lines.push(`  ~ ${field}: ${show(diff.previous[index])} -> ${show(operation.value)}`);
  });
  return lines.join('\n');
}
