import { syntaxError, type PythonException } from './python-exception.ts';

export type TokenType = 'number' | 'operator' | 'newline' | 'end';

export interface Token {
  type: TokenType;
  text: string;
  /** The parenthesis nesting level once this token is read (an opening parenthesis counts itself). */
  level: number;
}

/**
 * The tokens of an expression as CPython 3.11's tokenizer produces them, up to the first token it
 * cannot produce. `failure` is the error raised when the parser asks for that token; `atEndInsideParentheses`
 * tells the end of input inside an open parenthesis (which only the parser turns into an error)
 * from a real tokenizer error (which also overrides the parser's own syntax errors).
 */
export interface TokenStream {
  tokens: Token[];
  failure: PythonException | undefined;
  atEndInsideParentheses: boolean;
}

/** CPython's limit on nested parentheses. */
const maximumNesting = 200;

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

/** Tokenizes `source`, which holds only digits, `+-*` `/().` and spaces, with leading spaces removed. */
export function tokenize(source: string): TokenStream {
  const tokens: Token[] = [];
  let level = 0;
  let index = 0;
  const stop = (failure: PythonException, atEndInsideParentheses = false): TokenStream => ({ tokens, failure, atEndInsideParentheses });
  const push = (type: TokenType, text: string) => tokens.push({ type, text, level });

  for (;;) {
    while (source[index] === ' ') index++;
    const char = source[index];
    if (char === undefined) {
      if (level > 0) return stop(syntaxError("'(' was never closed"), true);
      if (tokens.length > 0) push('newline', '');
      else return { tokens: [{ type: 'end', text: '', level: 0 }], failure: undefined, atEndInsideParentheses: false };
      push('end', '');
      return { tokens, failure: undefined, atEndInsideParentheses: false };
    }
    if (isDigit(char) || (char === '.' && isDigit(source[index + 1]))) {
      const number = readNumber(source, index);
      if ('failure' in number) return stop(number.failure);
      push('number', source.slice(index, number.end));
      index = number.end;
      continue;
    }
    if (char === '.') {
      const isEllipsis = source[index + 1] === '.' && source[index + 2] === '.';
      push('operator', isEllipsis ? '...' : '.');
      index += isEllipsis ? 3 : 1;
      continue;
    }
    if ((char === '*' || char === '/') && source[index + 1] === char) {
      push('operator', char + char);
      index += 2;
      continue;
    }
    if (char === '(') {
      if (level >= maximumNesting) return stop(syntaxError('too many nested parentheses'));
      level++;
    } else if (char === ')') {
      if (level === 0) return stop(syntaxError("unmatched ')'"));
      level--;
    }
    push('operator', char);
    index++;
  }
}

/** A decimal number starting at `start`: an int, or a float with a point. */
function readNumber(source: string, start: number): { end: number } | { failure: PythonException } {
  let index = start;
  const skipDigits = () => {
    while (isDigit(source[index])) index++;
  };
  if (source[index] === '.') {
    index++;
    skipDigits();
    return { end: index };
  }
  if (source[index] === '0') {
    while (source[index] === '0') index++;
    const nonZero = isDigit(source[index]);
    skipDigits();
    if (source[index] === '.') {
      index++;
      skipDigits();
      return { end: index };
    }
    if (nonZero) {
      return { failure: syntaxError('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers') };
    }
    return { end: index };
  }
  skipDigits();
  if (source[index] === '.') {
    index++;
    skipDigits();
  }
  return { end: index };
}
