import { pythonStringRepr } from './python-string-repr.ts';

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
export function parsePythonInt(text: string): { ok: true; value: number } | { ok: false; error: string } {
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
