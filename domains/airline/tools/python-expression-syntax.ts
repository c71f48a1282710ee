/**
 * Parses the expressions tau-bench's `calculate` hands to Python's `eval` (only digits, `+-*\/().`
 * and spaces get that far) and reports syntax errors with the text CPython 3.11 gives them.
 *
 * CPython's error choice follows from how its PEG parser meets the tokens, and this parser copies
 * that: a tokenizer error anywhere (an unmatched ')' or an integer with leading zeros) wins; reading
 * the end of input inside brackets raises "'(' was never closed" at once; a failed parse is re-run
 * with the "invalid_" rules on, which name a missing comma between two expressions inside brackets or
 * a starred expression in brackets; anything else is a plain "invalid syntax".
 */

export type ExpressionNode =
  | { type: 'integer'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'ellipsis' }
  | { type: 'empty-tuple' }
  | { type: 'unary'; operator: '+' | '-'; operand: ExpressionNode }
  | { type: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode }
  | { type: 'call'; callee: ExpressionNode; argument?: { unpack: '' | '*' | '**'; value: ExpressionNode } };

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '**';

export type ParsedExpression = { ok: true; tree: ExpressionNode } | { ok: false; error: string };

interface Token {
  kind: 'number' | 'operator' | 'end';
  text: string;
  /** Bracket depth after this token, as CPython's tokenizer records it. */
  level: number;
}

/** Python's limit on the digits of an integer literal (sys.get_int_max_str_digits()). */
const maxIntegerDigits = 4300;

class SyntaxErrorRaised extends Error {}
class NoMatch extends Error {}

const noMatch = new NoMatch();

function tokenize(source: string): { tokens: Token[] } | { error: string } {
  const tokens: Token[] = [];
  let level = 0;
  let index = 0;
  const push = (kind: Token['kind'], text: string) => tokens.push({ kind, text, level });
  while (index < source.length) {
    const char = source[index] as string;
    const next = source[index + 1];
    if (char === ' ') {
      index++;
    } else if (/[0-9]/.test(char) || (char === '.' && next !== undefined && /[0-9]/.test(next))) {
      const match = /^(\d*)(\.\d*)?/.exec(source.slice(index)) as RegExpExecArray;
      const [text, whole = '', fraction] = match;
      if (fraction === undefined && /^0+[1-9]/.test(whole)) {
        return { error: 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers' };
      }
      push('number', text);
      index += text.length;
    } else if (char === '.' && source.startsWith('...', index)) {
      push('operator', '...');
      index += 3;
    } else if ((char === '*' || char === '/') && next === char) {
      push('operator', char + char);
      index += 2;
    } else if (char === '(') {
      level++;
      push('operator', '(');
      index++;
    } else if (char === ')') {
      if (level === 0) return { error: "unmatched ')'" };
      level--;
      push('operator', ')');
      index++;
    } else {
      push('operator', char);
      index++;
    }
  }
  push('end', '');
  return { tokens };
}

class Parser {
  private position = 0;
  private invalidRules = false;

  constructor(private readonly tokens: readonly Token[]) {}

  /** First pass: the plain grammar. */
  parse(): ExpressionNode {
    this.position = 0;
    this.invalidRules = false;
    return this.parseEval();
  }

  /** Second pass, after a failed first one: the same grammar with the error-naming rules on. */
  parseForErrors(): void {
    this.position = 0;
    this.invalidRules = true;
    this.parseEval();
  }

  private parseEval(): ExpressionNode {
    const tree = this.expression();
    if (this.peek().kind !== 'end') throw noMatch;
    return tree;
  }

  /** Looks at the next token; reading the end of input inside brackets is an error at once. */
  private peek(): Token {
    const token = this.tokens[this.position] as Token;
    if (token.kind === 'end' && token.level > 0) throw new SyntaxErrorRaised("'(' was never closed");
    return token;
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'operator' || token.text !== text) return false;
    this.position++;
    return true;
  }

  private expect(text: string) {
    if (!this.accept(text)) throw noMatch;
  }

  /** Runs `rule` and rewinds when it does not match; raised syntax errors pass through. */
  private attempt<T>(rule: () => T): T | undefined {
    const start = this.position;
    try {
      return rule();
    } catch (error) {
      if (error !== noMatch) throw error;
      this.position = start;
      return undefined;
    }
  }

  private expression(): ExpressionNode {
    if (this.invalidRules) this.missingComma();
    return this.sum();
  }

  /** CPython's invalid_expression: two expressions side by side inside brackets. */
  private missingComma() {
    const start = this.position;
    if (this.attempt(() => this.sum()) !== undefined) {
      this.invalidRules = false;
      try {
        if (this.attempt(() => this.expression()) !== undefined && (this.tokens[this.position - 1] as Token).level > 0) {
          throw new SyntaxErrorRaised('invalid syntax. Perhaps you forgot a comma?');
        }
      } finally {
        this.invalidRules = true;
      }
    }
    this.position = start;
  }

  /**
   * A left-associative chain `operand (operator operand)*`. As in a PEG, an operator whose right
   * operand does not parse is left unread and the chain ends before it.
   */
  private chain(operators: readonly BinaryOperator[], operand: () => ExpressionNode): ExpressionNode {
    let tree = operand();
    for (;;) {
      const extended = this.attempt((): ExpressionNode => {
        const token = this.peek();
        const operator = operators.find((candidate) => token.kind === 'operator' && token.text === candidate);
        if (!operator) throw noMatch;
        this.position++;
        return { type: 'binary', operator, left: tree, right: operand() };
      });
      if (!extended) return tree;
      tree = extended;
    }
  }

  private sum(): ExpressionNode {
    return this.chain(['+', '-'], () => this.term());
  }

  private term(): ExpressionNode {
    return this.chain(['*', '/', '//'], () => this.factor());
  }

  private factor(): ExpressionNode {
    if (this.accept('+')) return { type: 'unary', operator: '+', operand: this.factor() };
    if (this.accept('-')) return { type: 'unary', operator: '-', operand: this.factor() };
    const base = this.primary();
    const power = this.attempt((): ExpressionNode => {
      this.expect('**');
      return { type: 'binary', operator: '**', left: base, right: this.factor() };
    });
    return power ?? base;
  }

  private primary(): ExpressionNode {
    let tree = this.atom();
    for (;;) {
      // primary '.' NAME: no name can be written, but the token after the dot is still read.
      this.attempt(() => {
        this.expect('.');
        this.peek();
        throw noMatch;
      });
      const callee = tree;
      const called = this.attempt((): ExpressionNode => {
        this.expect('(');
        const argument = this.attempt(() => this.argument());
        this.expect(')');
        return argument ? { type: 'call', callee, argument } : { type: 'call', callee };
      });
      if (!called) return tree;
      tree = called;
    }
  }

  private argument(): { unpack: '' | '*' | '**'; value: ExpressionNode } {
    if (this.accept('*')) return { unpack: '*', value: this.expression() };
    if (this.accept('**')) return { unpack: '**', value: this.expression() };
    const value = this.expression();
    if (this.peek().text !== ')') throw noMatch;
    return { unpack: '', value };
  }

  private atom(): ExpressionNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.position++;
      return numberNode(token.text);
    }
    if (this.accept('...')) return { type: 'ellipsis' };
    if (!this.accept('(')) throw noMatch;
    const afterBracket = this.position;
    // tuple: '(' [star_named_expression ',' ...] ')'; no comma can be written, so only () matches.
    this.attempt(() => (this.accept('*') ? this.sum() : this.expression()));
    this.position = afterBracket;
    if (this.accept(')')) return { type: 'empty-tuple' };
    // group: '(' named_expression ')'
    const group = this.attempt(() => {
      const inner = this.expression();
      this.expect(')');
      return inner;
    });
    if (group) return group;
    if (this.invalidRules) this.starredGroup(afterBracket);
    throw noMatch;
  }

  /** CPython's invalid_group: a starred or double-starred expression alone in brackets. */
  private starredGroup(afterBracket: number) {
    for (const [star, message] of [
      ['*', 'cannot use starred expression here'],
      ['**', 'cannot use double starred expression here'],
    ] as const) {
      this.position = afterBracket;
      const matched = this.attempt(() => {
        this.expect(star);
        this.expression();
        this.expect(')');
        return true;
      });
      if (matched) throw new SyntaxErrorRaised(message);
    }
    this.position = afterBracket;
  }
}

function numberNode(text: string): ExpressionNode {
  if (text.includes('.')) return { type: 'float', value: Number(text) };
  if (text.length > maxIntegerDigits && /[1-9]/.test(text)) {
    throw new SyntaxErrorRaised(
      `Exceeds the limit (${maxIntegerDigits} digits) for integer string conversion: value has ${text.length} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.`,
    );
  }
  return { type: 'integer', value: BigInt(text) };
}

/** Parses what `eval` would (leading spaces are stripped, as `eval` does). */
export function parsePythonExpression(expression: string): ParsedExpression {
  const source = expression.replace(/^ +/, '');
  const tokenized = tokenize(source);
  if ('error' in tokenized) return { ok: false, error: `${tokenized.error} (<string>, line 1)` };
  const parser = new Parser(tokenized.tokens);
  try {
    try {
      return { ok: true, tree: parser.parse() };
    } catch (error) {
      if (error !== noMatch) throw error;
    }
    try {
      parser.parseForErrors();
    } catch (error) {
      if (error !== noMatch) throw error;
    }
    return { ok: false, error: `invalid syntax (<string>, line ${source === '' ? 0 : 1})` };
  } catch (error) {
    if (error instanceof SyntaxErrorRaised) return { ok: false, error: `${error.message} (<string>, line 1)` };
    throw error;
  }
}
