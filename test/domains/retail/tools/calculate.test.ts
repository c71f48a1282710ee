import { describe, expect, it } from 'vitest';
import { fixtureState, runTool } from '../fixture.ts';

// The evaluator itself (Python 3.11's eval, round and repr) is tested in test/domain-kit/python/.
const answers: [string, { ok: boolean; content: string }][] = [
  ['2 + 2', { ok: true, content: '4.0' }],
  ['(120 - 45.5) / 2', { ok: true, content: '37.25' }],
  ['2.675', { ok: true, content: '2.67' }],
  ['10 ** 16', { ok: true, content: '1e+16' }],
  ['3 % 2', { ok: false, content: 'Error: invalid characters in expression' }],
  ['1/0', { ok: false, content: 'Error: division by zero' }],
  ['(1 2)', { ok: false, content: 'Error: invalid syntax. Perhaps you forgot a comma? (<string>, line 1)' }],
  ['(-8) ** (1/3)', { ok: false, content: "Error: float() argument must be a string or a real number, not 'complex'" }],
];

describe('calculate', () => {
  it.each(answers)('answers %j as tau-bench does, changing nothing', (expression, answer) => {
    const state = fixtureState();
    const hash = state.hash();
    expect(runTool(state, 'calculate', { expression })).toEqual({ ...answer, kind: 'read' });
    expect(state.hash()).toBe(hash);
  });
});
