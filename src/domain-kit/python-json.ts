/**
 * Serialises a value the way Python's `json.dumps` does with its defaults (`", "` and `": "`
 * separators, non-ASCII escaped as \uXXXX), so tool outputs read exactly as tau-bench's do.
 * One difference is unavoidable: JSON numbers carry no int/float distinction in JavaScript, so a
 * float such as 250.0 prints as 250.
 */
export function pythonJsonDumps(value: unknown): string {
  return dump(value);
}

/**
 * The text of every deeply frozen object serialised so far. A frozen object can never change, and the
 * base records of a domain are deeply frozen and shared by every rollout: a lookup tool returns the same
 * record to thousands of rollouts, and its text is written once.
 */
const frozenTexts = new WeakMap<object, string>();

/** Set by `dump`: whether the value it just wrote is deeply frozen (primitives are). */
let lastWasFrozen = true;

function dump(value: unknown): string {
  if (value === null || value === undefined) return ((lastWasFrozen = true), 'null');
  switch (typeof value) {
    case 'boolean':
      lastWasFrozen = true;
      return value ? 'true' : 'false';
    case 'number':
      lastWasFrozen = true;
      return formatNumber(value);
    case 'string':
      lastWasFrozen = true;
      return escapeString(value);
    case 'object': {
      const known = frozenTexts.get(value);
      if (known !== undefined) return ((lastWasFrozen = true), known);
      let frozen = Object.isFrozen(value);
      let text: string;
      if (Array.isArray(value)) {
        text = '[';
        for (let index = 0; index < value.length; index++) {
          if (index > 0) text += ', ';
          text += dump(value[index]);
          frozen &&= lastWasFrozen;
        }
        text += ']';
      } else {
        text = '{';
        let first = true;
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          if (item === undefined) continue;
          text += `${first ? '' : ', '}${escapeString(key)}: ${dump(item)}`;
          frozen &&= lastWasFrozen;
          first = false;
        }
        text += '}';
      }
      if (frozen) frozenTexts.set(value, text);
      lastWasFrozen = frozen;
      return text;
    }
    default:
      throw new TypeError(`cannot serialise a ${typeof value}`);
  }
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

const nonAscii = /[\u007f-\uffff]/;
const nonAsciiGlobal = /[\u007f-\uffff]/g;

function escapeString(text: string): string {
  const json = JSON.stringify(text);
  return nonAscii.test(json) ? json.replace(nonAsciiGlobal, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
