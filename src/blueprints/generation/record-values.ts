import type { JsonValue } from '../../domain-kit/index.ts';

/**
 * The first value found under each key of a record, breadth first (so a record's own fields win over
 * those of its nested objects): `{name: {first_name}}, address: {zip}}` gives first_name and zip.
 */
export function firstValuesByKey(record: unknown): Map<string, JsonValue> {
  const found = new Map<string, JsonValue>();
  let level: unknown[] = [record];
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const value of level) {
      if (Array.isArray(value)) {
        next.push(...value);
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (!found.has(key)) found.set(key, child as JsonValue);
          next.push(child);
        }
      }
    }
    level = next;
  }
  return found;
}

/** Every object key under a value, recursively. */
export function collectKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const child of value) collectKeys(child, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      collectKeys(child, into);
    }
  }
  return into;
}

/** Every string under a value (object keys excluded), recursively. */
export function collectStrings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const child of value) collectStrings(child, into);
  else if (value !== null && typeof value === 'object') for (const child of Object.values(value)) collectStrings(child, into);
  return into;
}

/** Up to `count` items spread evenly over the list (the first one included), in order. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, index) => items[Math.floor((index * items.length) / count)] as T);
}
