import canonicalizeModule from 'canonicalize';

// The package is CommonJS (`module.exports = serialize`) but its typings declare a default export;
// under NodeNext the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys sorted by UTF-16 code units,
 * no whitespace, numbers as ECMAScript writes them. This is what state hashes are computed over.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}
