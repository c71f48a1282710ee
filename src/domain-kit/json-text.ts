import { readFileSync, statSync } from 'node:fs';
import { InvalidDataError } from './errors.ts';
import { findNonFiniteNumber } from './json.ts';

/** What a JSON file read from a user may hold at most: checked before the text is parsed or used. */
export interface JsonFileLimits {
  /** What the file is, for messages: "a blueprint file", "a tau-bench task file". */
  what: string;
  maxBytes: number;
  /** Levels of nested arrays and objects (the top-level value is level 1). */
  maxDepth: number;
}

/** A JSON file that could not be read or parsed: `problem` says why, without the file name. */
export class JsonFileError extends InvalidDataError {
  constructor(
    readonly problem: string,
    source: string,
  ) {
    super(problem, source);
  }
}

/** `1234567` → `1.2 MB`: sizes in messages, in decimal units as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(1).replace(/\.0$/, '')} kB`;
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** 1-based line and column of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const at = (text: string, offset: number) => {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}`;
};

/**
 * The offset where nesting first goes deeper than `maxDepth`, or undefined. A linear scan of the text
 * (brackets inside strings do not count), so a document nested 100,000 deep is refused before any
 * recursive code (the parser, a schema, JSON.stringify) can overflow the stack on it.
 */
export function findExcessNesting(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth) return index;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Where the first JSON syntax error of a text is and what was found there, or undefined when the
 * text is valid. JSON.parse's own messages give a character position at best; people count in lines.
 * Only called on text JSON.parse refused and whose nesting is already bounded, so recursion is safe.
 */
export function findSyntaxError(text: string): { offset: number; found: string } | undefined {
  let position = 0;
  class Stop {
    constructor(readonly offset: number) {}
  }
  const fail = (offset = position): never => {
    throw new Stop(offset);
  };
  const skipSpace = () => {
    while (position < text.length && ' \t\n\r'.includes(text[position] as string)) position++;
  };
  const expect = (literal: string) => {
    for (const character of literal) {
      if (text[position] !== character) fail();
      position++;
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (position >= text.length) fail();
      const code = text.charCodeAt(position);
      if (code === 0x22) return void position++;
      if (code < 0x20) fail();
      if (code === 0x5c) {
        position++;
        const escape = text[position];
        if (escape === 'u') {
          for (let digit = 1; digit <= 4; digit++) if (!/[0-9a-fA-F]/.test(text[position + digit] ?? '')) fail(position + digit);
          position += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) position++;
        else fail();
      } else position++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    position += (match as RegExpExecArray)[0].length;
  };
  // The members of an object or the items of an array, from the opening bracket to the closing one.
  const sequence = (close: string, item: () => void) => {
    position++;
    skipSpace();
    if (text[position] === close) return void position++;
    for (;;) {
      item();
      skipSpace();
      if (text[position] === ',') position++;
      else return expect(close);
    }
  };
  const member = () => {
    skipSpace();
    string();
    skipSpace();
    expect(':');
    value();
  };
  const value = (): void => {
    skipSpace();
    const character = text[position];
    if (character === '{') return sequence('}', member);
    if (character === '[') return sequence(']', value);
    if (character === '"') return string();
    if (character === 't') return expect('true');
    if (character === 'f') return expect('false');
    if (character === 'n') return expect('null');
    if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) return number();
    fail();
  };
  try {
    value();
    skipSpace();
    if (position < text.length) fail();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const found = error.offset >= text.length ? 'end of file' : JSON.stringify(text[error.offset]);
    return { offset: error.offset, found };
  }
}

/**
 * Parses JSON text from a user's file: nesting over the limit, a syntax error (as line and column) or
 * a number too large for a float (1e400 parses to Infinity) is a `JsonFileError` naming the file.
 */
export function parseJsonText(text: string, source: string, maxDepth: number): unknown {
  const deep = findExcessNesting(text, maxDepth);
  if (deep !== undefined) throw new JsonFileError(`nested deeper than the limit of ${maxDepth} levels, at ${at(text, deep)}`, source);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const syntax = findSyntaxError(text);
    throw new JsonFileError(syntax ? `not valid JSON: unexpected ${syntax.found} at ${at(text, syntax.offset)}` : `not valid JSON (${(error as Error).message})`, source);
  }
  const nonFinite = findNonFiniteNumber(value);
  if (nonFinite) throw new JsonFileError(`${nonFinite.path || '(top level)'}: a number too large to represent, read as ${nonFinite.value}; numbers must be finite`, source);
  return value;
}

/**
 * Reads and parses a JSON file within limits: its size is checked before it is read, its nesting
 * before it is parsed. Every problem is a `JsonFileError` naming the file.
 */
export function readJsonFile(file: string, limits: JsonFileLimits): unknown {
  let text: string;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new JsonFileError(`is a folder, not ${limits.what}`, file);
    if (stats.size > limits.maxBytes) throw new JsonFileError(`${limits.what} of ${formatBytes(stats.size)} is over the limit of ${formatBytes(limits.maxBytes)}`, file);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof JsonFileError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    throw new JsonFileError(code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? message})`, file);
  }
  return parseJsonText(text, file, limits.maxDepth);
}
