/**
 * Pieces of Python's string behaviour that tau-bench's outputs and error texts depend on.
 */

const notPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr()` of a string: single quotes unless the text holds a single quote and no double one. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '\\' || char === quote) body += `\\${char}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (char !== ' ' && notPrintable.test(char)) {
      const hex = code.toString(16);
      body += code < 0x100 ? `\\x${hex.padStart(2, '0')}` : code < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
    } else body += char;
  }
  return `${quote}${body}${quote}`;
}

/** What tau-bench shows when a dictionary lookup raises `KeyError(key)`: "Error: 'key'". */
export const keyErrorText = (key: string) => `Error: ${pythonStringRepr(key)}`;

/** Characters Python's `int()` strips as whitespace. */
const pythonWhitespace = new Set([
  ...'\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000',
  ...Array.from({ length: 11 }, (_, offset) => String.fromCodePoint(0x2000 + offset)),
]);
const decimalDigit = /^\p{Nd}$/u;

/** The value of a Unicode decimal digit: digits come in runs of ten starting at zero. */
function digitValue(char: string): number {
  let start = char.codePointAt(0) as number;
  while (decimalDigit.test(String.fromCodePoint(start - 1))) start--;
  return ((char.codePointAt(0) as number) - start) % 10;
}

/**
 * Python's `int(text)` in base 10: surrounding whitespace, a sign, Unicode decimal digits and single
 * underscores between digits. Returns the number, or the text of the ValueError it raises.
 */
export function pythonInt(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && pythonWhitespace.has(chars[start] as string)) start++;
  while (end > start && pythonWhitespace.has(chars[end - 1] as string)) end--;
  let sign = 1;
  if (chars[start] === '+' || chars[start] === '-') sign = chars[start++] === '-' ? -1 : 1;
  let value = 0;
  let digits = 0;
  for (let index = start; index < end; index++) {
    const char = chars[index] as string;
    if (char === '_' && digits > 0 && index + 1 < end && decimalDigit.test(chars[index + 1] as string)) continue;
    if (!decimalDigit.test(char)) return { ok: false, error: `invalid literal for int() with base 10: ${pythonStringRepr(text)}` };
    value = value * 10 + digitValue(char);
    digits++;
  }
  if (digits === 0) return { ok: false, error: `invalid literal for int() with base 10: ${pythonStringRepr(text)}` };
  return { ok: true, value: sign * value };
}

/** Python's `text[-count:]`, counting code points as Python does (JavaScript counts UTF-16 units). */
export const lastCodePoints = (text: string, count: number) => [...text].slice(-count).join('');
