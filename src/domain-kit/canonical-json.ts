import canonicalizeModule from 'canonicalize';
import { InterplayError } from './errors.ts';
import { findNonFiniteNumber } from './json.ts';

// The package is CommonJS (`module.exports = serialize`) but its typings declare a default export;
// under NodeNext the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/** A value holds a number JSON cannot carry (Infinity, NaN): it has no canonical form and no hash. */
export class NonFiniteNumberError extends InterplayError {
  override readonly name = 'NonFiniteNumberError';
  constructor(
    readonly path: string,
    readonly value: number,
  ) {
    super(`${path || '(top level)'}: the number ${value} has no JSON form (numbers must be finite; 1e400 reads as Infinity)`);
  }
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys sorted by UTF-16 code units,
 * no whitespace, numbers as ECMAScript writes them. This is what state hashes are computed over.
 * A non-finite number is a `NonFiniteNumberError` naming where it is.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    // Looked for only on failure: hashing a whole state must not pay for a second walk.
    const nonFinite = findNonFiniteNumber(value);
    if (nonFinite) throw new NonFiniteNumberError(nonFinite.path, nonFinite.value);
    throw error;
  }
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

const unchangingTexts = new WeakMap<object, string>();

/**
 * `canonicalJson` of an object that is never changed once made (a base's deep-frozen records, a role's
 * identity, a domain's tool list), made once per object and kept for as long as the object lives.
 */
export function canonicalJsonOnce(value: object): string {
  let text = unchangingTexts.get(value);
  if (text === undefined) unchangingTexts.set(value, (text = canonicalJson(value)));
  return text;
}
