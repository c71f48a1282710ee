import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../src/domain-kit/index.ts';

describe('pythonJsonDumps', () => {
  it('writes what Python json.dumps writes with default settings', () => {
    expect(pythonJsonDumps({ a: 1, b: [true, null, 'x'], c: { d: 2.5 } })).toBe('{"a": 1, "b": [true, null, "x"], "c": {"d": 2.5}}');
    expect(pythonJsonDumps('café "☕"')).toBe('"caf\\u00e9 \\"\\u2615\\""');
    expect(pythonJsonDumps([])).toBe('[]');
    expect(pythonJsonDumps({})).toBe('{}');
    expect(pythonJsonDumps(1e21)).toBe('1e+21');
  });
});
