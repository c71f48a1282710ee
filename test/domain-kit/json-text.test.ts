import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, findExcessNesting, findNonFiniteNumber, findSyntaxError, formatBytes, lineAndColumn, NonFiniteNumberError, parseJsonText, readJsonFile } from '../../src/domain-kit/index.ts';

const limits = { what: 'a test file', maxBytes: 1_000, maxDepth: 4 };

describe('JSON text from users', () => {
  it('gives syntax errors as line and column', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n  "b": }\n', 'f.json', 8)).toThrow('f.json: not valid JSON: unexpected "}" at line 3, column 8');
    expect(() => parseJsonText('[1, 2', 'f.json', 8)).toThrow('f.json: not valid JSON: unexpected end of file at line 1, column 6');
    expect(() => parseJsonText('{"a": 1} x', 'f.json', 8)).toThrow('not valid JSON: unexpected "x" at line 1, column 10');
    expect(lineAndColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
  });

  it('finds a syntax error exactly where JSON.parse refuses, and none where it accepts', () => {
    const texts = fc.oneof(
      fc.json({ depthSize: 'small' }),
      fc.tuple(fc.json({ depthSize: 'small' }), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', ':', 'x', '\\', '\n')).map(([text, at, inserted]) => {
        const position = at % (text.length + 1);
        return `${text.slice(0, position)}${inserted}${text.slice(position + 1)}`;
      }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findSyntaxError(text) === undefined).toBe(valid);
      }),
      { seed: 13, numRuns: 500 },
    );
  });

  it('refuses nesting over the limit before parsing, ignoring brackets in strings', () => {
    expect(findExcessNesting('[[["[[[[[["]]]', 3)).toBeUndefined();
    expect(findExcessNesting('[[[[1]]]]', 3)).toBe(3);
    expect(findExcessNesting(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 32)).toBe(32);
    expect(() => parseJsonText('{"a": [[[[1]]]]}', 'f.json', 4)).toThrow('f.json: nested deeper than the limit of 4 levels, at line 1, column 10');
  });

  it('refuses numbers that parse to Infinity, naming their path', () => {
    expect(() => parseJsonText('{"actions": [{"amount": 1e400}]}', 'f.json', 8)).toThrow('f.json: actions.0.amount: a number too large to represent, read as Infinity; numbers must be finite');
    expect(() => parseJsonText('-1e999', 'f.json', 8)).toThrow('(top level): a number too large to represent, read as -Infinity');
    expect(findNonFiniteNumber({ a: [1, { b: 2 }] })).toBeUndefined();
    expect(findNonFiniteNumber({ a: [1, { b: Number.NaN }] })).toEqual({ path: 'a.1.b', value: Number.NaN });
  });

  it('checks size and kind before reading a file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-json-'));
    writeFileSync(join(folder, 'big.json'), `[${'1,'.repeat(600)}1]`);
    mkdirSync(join(folder, 'dir.json'));
    expect(() => readJsonFile(join(folder, 'big.json'), limits)).toThrow(`${join(folder, 'big.json')}: a test file of 1.2 kB is over the limit of 1 kB`);
    expect(() => readJsonFile(join(folder, 'dir.json'), limits)).toThrow(`${join(folder, 'dir.json')}: is a folder, not a test file`);
    expect(() => readJsonFile(join(folder, 'none.json'), limits)).toThrow(`${join(folder, 'none.json')}: no such file`);
    expect(formatBytes(10_000_000)).toBe('10 MB');
  });
});

describe('canonicalJson', () => {
  it('refuses non-finite numbers with a clear message naming where they are', () => {
    expect(() => canonicalJson({ amount: Number.POSITIVE_INFINITY })).toThrow(NonFiniteNumberError);
    expect(() => canonicalJson({ args: { amount: Number.POSITIVE_INFINITY } })).toThrow('args.amount: the number Infinity has no JSON form (numbers must be finite; 1e400 reads as Infinity)');
    expect(canonicalJson({ b: 1, a: [2.5] })).toBe('{"a":[2.5],"b":1}');
  });
});
