/**
 * Small pieces of Python's string behaviour that tool outputs and errors depend on.
 */

/** Orders strings as Python's `sorted` does: by Unicode code point (JavaScript compares UTF-16 units). */
export function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = (a[index] as string).codePointAt(0)! - (b[index] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** A sorted copy, as Python's `sorted(strings)`. */
export const sortedLikePython = (strings: readonly string[]): string[] => [...strings].sort(compareCodePoints);

/** Python's `repr()` of a string: single quotes unless the text holds a single quote and no double one. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\') body += '\\\\';
    else if (char === quote) body += `\\${quote}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += char;
  }
  return `${quote}${body}${quote}`;
}

/** The text tau-bench returns when a dictionary lookup raises `KeyError(key)`: "Error: 'key'". */
export const keyErrorText = (key: string) => `Error: ${pythonStringRepr(key)}`;

/** The text tau-bench returns when `list[0]` of an empty list raises `IndexError`. */
export const indexErrorText = 'Error: list index out of range';
