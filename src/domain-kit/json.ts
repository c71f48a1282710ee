/** JSON values as they appear in domain records, tool arguments and tool outputs. */
export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A deeply read-only view of a record: what `DomainState.get` hands out. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Freezes a value and everything under it, so that writing to shared base records throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** A fresh, writable deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** The dotted path of a value inside a JSON document: `actions.0.arguments.amount`. */
const childPath = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/**
 * The first number in a value that JSON cannot carry (Infinity, -Infinity, NaN) and where it is, or
 * undefined. JSON.parse turns `1e400` into Infinity, which hashing and writing cannot represent.
 * Iterative, so a deeply nested value cannot overflow the stack here.
 */
export function findNonFiniteNumber(value: unknown): { path: string; value: number } | undefined {
  const pending: Array<{ path: string; value: unknown }> = [{ path: '', value }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { path: next.path, value: current };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) pending.push({ path: childPath(next.path, index), value: current[index] });
    } else if (current !== null && typeof current === 'object') {
      for (const key of Object.keys(current).reverse()) pending.push({ path: childPath(next.path, key), value: (current as Record<string, unknown>)[key] });
    }
  }
  return undefined;
}
