/**
 * Serialises a value the way Python's `json.dumps` does with its defaults (`", "` and `": "`
 * separators, non-ASCII escaped as \uXXXX), so tool outputs read exactly as tau-bench's do.
 * One difference is unavoidable: JSON numbers carry no int/float distinction in JavaScript, so a
 * float such as 250.0 prints as 250.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatNumber(value);
    case 'string':
      return escapeString(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
      return `{${entries.map(([key, item]) => `${escapeString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
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

function escapeString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
