/** What Python's `str.isprintable()` rejects (the space aside): Unicode's "Other" and "Separator" categories. */
const notPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/**
 * Python's `repr()` of a string: single quotes unless the text holds a single quote and no double one;
 * backslash escapes for the quote, backslash, \n, \r, \t and every character that is not printable.
 * Printability follows JavaScript's Unicode tables, which may be newer than Python 3.11's (14.0): a
 * code point assigned since then prints as itself here and as an \U escape in Python.
 */
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
