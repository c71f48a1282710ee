import type { BinaryOperator, UnaryOperator } from './python-operators.ts';
import { PythonException, syntaxError } from './python-exception.ts';
import { tokenize, type Token, type TokenStream } from './expression-tokens.ts';
import { intDigitsLimit, pythonFloat, pythonInt, type PythonValue } from './python-value.ts';

export type CallArgument = { unpack: 'none' | 'iterable' | 'mapping'; value: ExpressionNode };

export type ExpressionNode =
  | { type: 'number'; value: PythonValue }
  | { type: 'ellipsis' }
  | { type: 'tuple' }
  | { type: 'unary'; operator: UnaryOperator; operand: ExpressionNode }
  | { type: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode }
  | { type: 'call'; callee: ExpressionNode; argument: CallArgument | undefined };

/**
 * Parses an expression made of digits, `+-*` `/().` and spaces the way CPython 3.11 compiles it for
 * `eval`, raising the same SyntaxError (or MemoryError) text it would. Like CPython's PEG parser it
 * makes a plain first pass and, only when that fails, a second pass that looks for the specific
 * mistakes CPython names ("Perhaps you forgot a comma?", starred expressions in parentheses);
 * tokenizer errors anywhere in the source take precedence over the parser's own messages.
 */
export function parsePythonExpression(source: string): ExpressionNode {
  const stripped = source.replace(/^[ \t]+/, '');
  const stream = tokenize(stripped);
  const tokenizerError = stream.failure && !stream.atEndInsideParentheses ? stream.failure : undefined;
  for (const reportMistakes of [false, true]) {
    let node: ExpressionNode | null;
    try {
      node = new Parser(stream, reportMistakes).parse();
    } catch (error) {
      if (!(error instanceof ParseAbort)) throw error;
      throw error.fromParser ? (tokenizerError ?? error.exception) : error.exception;
    }
    if (node) return node;
  }
  throw tokenizerError ?? syntaxError('invalid syntax', stripped.length === 0 ? 0 : 1);
}

/** Stops parsing; `fromParser` errors give way to a tokenizer error later in the source. */
class ParseAbort extends Error {
  constructor(
    readonly exception: PythonException,
    readonly fromParser: boolean,
  ) {
    super(exception.message);
  }
}

/**
 * CPython's parser gives up with a MemoryError past 6000 nested rule calls. Reaching the first atom
 * takes 24; each unary sign adds 1, each `**` operand 2, each parenthesis 28, each call argument 24
 * (27 when unpacked with `*` or `**`). These costs were measured on CPython 3.11.
 */
const parserStackLimit = 6000;
const depthCost = { start: 24, unary: 1, power: 2, parenthesis: 28, argument: 24, unpackedArgument: 27 } as const;

type Memo = { node: ExpressionNode | null; end: number };

class Parser {
  private position = 0;
  private readonly memo = new Map<string, Memo>();
  /** CPython's `call_invalid_rules`: on in the second pass, off again inside the second operand it tries. */
  private mistakeRulesActive: boolean;

  constructor(
    private readonly stream: TokenStream,
    reportMistakes: boolean,
  ) {
    this.mistakeRulesActive = reportMistakes;
  }

  parse(): ExpressionNode | null {
    const expression = this.expression(depthCost.start);
    if (!expression) return null;
    while (this.peek().type === 'newline') this.position++;
    return this.peek().type === 'end' ? expression : null;
  }

  /** The token at `index`; asking for the one the tokenizer could not produce raises its error. */
  private tokenAt(index: number): Token {
    const token = this.stream.tokens[index];
    if (token) return token;
    throw new ParseAbort(this.stream.failure ?? syntaxError('invalid syntax'), false);
  }

  private peek(): Token {
    return this.tokenAt(this.position);
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token.type === 'operator' && token.text === text;
  }

  private memoized(rule: string, parse: () => ExpressionNode | null): ExpressionNode | null {
    const key = `${rule}@${this.position}`;
    const saved = this.memo.get(key);
    if (saved) {
      this.position = saved.end;
      return saved.node;
    }
    const start = this.position;
    const node = parse();
    if (!node) this.position = start;
    this.memo.set(key, { node, end: this.position });
    return node;
  }

  private expression(depth: number): ExpressionNode | null {
    return this.memoized('expression', () => {
      if (this.mistakeRulesActive) this.forgottenComma(depth);
      const node = this.sum(depth);
      if (node) this.peek();
      return node;
    });
  }

  /** Two expressions side by side inside parentheses: CPython suggests a missing comma. */
  private forgottenComma(depth: number) {
    const start = this.position;
    if (this.sum(depth)) {
      this.mistakeRulesActive = false;
      try {
        // CPython's expression_without_invalid: a disjunction (then a look for `if`), mistake rules off.
        const second = this.sum(depth);
        if (second) this.peek();
        if (second && this.tokenAt(this.position - 1).level > 0) {
          throw new ParseAbort(syntaxError('invalid syntax. Perhaps you forgot a comma?'), true);
        }
      } finally {
        this.mistakeRulesActive = true;
      }
    }
    this.position = start;
  }

  private sum(depth: number): ExpressionNode | null {
    return this.memoized('sum', () => this.binaryChain(['+', '-'], () => this.term(depth)));
  }

  private term(depth: number): ExpressionNode | null {
    return this.binaryChain(['*', '/', '//'], () => this.factor(depth));
  }

  private binaryChain(operators: readonly string[], operand: () => ExpressionNode | null): ExpressionNode | null {
    let left = operand();
    if (!left) return null;
    for (;;) {
      const token = this.peek();
      if (token.type !== 'operator' || !operators.includes(token.text)) return left;
      const before = this.position;
      this.position++;
      const right = operand();
      if (!right) {
        this.position = before;
        return left;
      }
      left = { type: 'binary', operator: token.text as BinaryOperator, left, right };
    }
  }

  /** Signs, then a primary, then `** factor` (right-associative), parsed without recursion. */
  private factor(depth: number): ExpressionNode | null {
    const start = this.position;
    const links: { signs: UnaryOperator[]; base: ExpressionNode }[] = [];
    let linkDepth = depth;
    for (;;) {
      const linkStart = this.position;
      const signs: UnaryOperator[] = [];
      while (this.isOperator('+') || this.isOperator('-')) {
        signs.push(this.peek().text as UnaryOperator);
        this.position++;
      }
      const base = this.primary(linkDepth + signs.length * depthCost.unary);
      if (!base) {
        if (links.length === 0) {
          this.position = start;
          return null;
        }
        this.position = linkStart - 1;
        break;
      }
      links.push({ signs, base });
      if (!this.isOperator('**')) break;
      this.position++;
      linkDepth += signs.length * depthCost.unary + depthCost.power;
    }
    let node: ExpressionNode | undefined;
    for (let index = links.length - 1; index >= 0; index--) {
      const { signs, base } = links[index]!;
      node = node ? { type: 'binary', operator: '**', left: base, right: node } : base;
      for (let sign = signs.length - 1; sign >= 0; sign--) node = { type: 'unary', operator: signs[sign]!, operand: node };
    }
    return node ?? null;
  }

  private primary(depth: number): ExpressionNode | null {
    let node = this.atom(depth);
    if (!node) return null;
    for (;;) {
      if (this.isOperator('.')) {
        this.tokenAt(this.position + 1);
        return node;
      }
      if (!this.isOperator('(')) return node;
      const start = this.position;
      this.generatorExpression(depth + depthCost.argument);
      this.position = start + 1;
      const argument = this.callArgument(depth);
      if (!this.isOperator(')')) {
        this.position = start;
        return node;
      }
      this.position++;
      node = { type: 'call', callee: node, argument: argument ?? undefined };
    }
  }

  /** `(x for ...)` never matches here (there is no `for`), but CPython tries it, and that can raise. */
  private generatorExpression(depth: number): void {
    const start = this.position;
    this.position++;
    if (this.expression(depth)) this.peek();
    if (this.mistakeRulesActive) {
      this.position = start + 1;
      if (this.isOperator('*')) {
        this.position++;
        this.expression(depth - depthCost.argument + depthCost.unpackedArgument);
      }
    }
    this.position = start;
  }

  /** The one argument a call can have here: `x`, `*x` or `**x`, followed by `)`. */
  private callArgument(depth: number): CallArgument | null {
    const start = this.position;
    let argument: CallArgument | null = null;
    if (this.isOperator('*')) {
      this.position++;
      const value = this.expression(depth + depthCost.unpackedArgument);
      if (value) argument = { unpack: 'iterable', value };
      else this.position = start;
    }
    if (!argument) {
      const value = this.expression(depth + depthCost.argument);
      if (value) argument = { unpack: 'none', value };
    }
    if (!argument && this.isOperator('**')) {
      this.position++;
      const value = this.expression(depth + depthCost.unpackedArgument);
      if (value) argument = { unpack: 'mapping', value };
      else this.position = start;
    }
    if (argument && this.isOperator(')')) return argument;
    this.position = start;
    return null;
  }

  private atom(depth: number): ExpressionNode | null {
    if (depth >= parserStackLimit) throw new ParseAbort(new PythonException('MemoryError', ''), false);
    const token = this.peek();
    if (token.type === 'number') {
      this.position++;
      return { type: 'number', value: numberValue(token.text) };
    }
    if (token.type !== 'operator') return null;
    if (token.text === '...') {
      this.position++;
      return { type: 'ellipsis' };
    }
    if (token.text !== '(') return null;
    const inner = depth + depthCost.parenthesis;
    const start = this.position;
    const tuple = this.emptyTuple(inner);
    if (tuple) return tuple;
    const group = this.group(inner);
    if (group) return group;
    this.generatorExpression(inner);
    this.position = start;
    return null;
  }

  private emptyTuple(depth: number): ExpressionNode | null {
    const start = this.position;
    this.position++;
    if (this.starNamedExpression(depth)) this.peek();
    this.position = start + 1;
    if (this.isOperator(')')) {
      this.position++;
      return { type: 'tuple' };
    }
    this.position = start;
    return null;
  }

  private starNamedExpression(depth: number): ExpressionNode | null {
    if (this.isOperator('*')) {
      const start = this.position;
      this.position++;
      const value = this.sum(depth);
      if (value) return value;
      this.position = start;
      return null;
    }
    return this.expression(depth);
  }

  private group(depth: number): ExpressionNode | null {
    const start = this.position;
    this.position++;
    const inner = this.expression(depth);
    if (inner) {
      this.peek();
      if (this.isOperator(')')) {
        this.position++;
        return inner;
      }
    }
    if (this.mistakeRulesActive) {
      for (const [star, message] of [
        ['*', 'cannot use starred expression here'],
        ['**', 'cannot use double starred expression here'],
      ] as const) {
        this.position = start + 1;
        if (!this.isOperator(star)) continue;
        this.position++;
        if (this.expression(depth) && this.isOperator(')')) throw new ParseAbort(syntaxError(message), true);
      }
    }
    this.position = start;
    return null;
  }
}

function numberValue(text: string): PythonValue {
  if (text.includes('.')) return pythonFloat(Number(text));
  if (text.length > intDigitsLimit) {
    throw new ParseAbort(
      syntaxError(
        `Exceeds the limit (${intDigitsLimit} digits) for integer string conversion: value has ${text.length} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.`,
      ),
      true,
    );
  }
  return pythonInt(BigInt(text));
}
