import { describe, expect, it } from 'vitest';
import { passHatK, passHatKOfTrajectories, trialsPerBlueprint } from '../../src/rollout/pass-hat-k.ts';
import type { TerminationReason } from '../../src/rollout/termination.ts';

const trial = (blueprintId: string, kept: boolean, reason: TerminationReason = 'user-stop') => ({ blueprintId, termination: { reason }, verdict: { kept } });

describe('pass^k', () => {
  it("is tau-bench's mean of C(c, k) / C(n, k) over tasks with at least k trials", () => {
    expect(passHatK([{ trials: 4, successes: 2 }, { trials: 4, successes: 4 }], 1)).toBe(0.75);
    expect(passHatK([{ trials: 4, successes: 2 }, { trials: 4, successes: 4 }], 2)).toBeCloseTo((1 / 6 + 1) / 2);
    expect(passHatK([{ trials: 1, successes: 1 }], 2)).toBeUndefined();
  });

  it('leaves failed jobs out: they are no trials, so they neither lower nor raise it', () => {
    const trials = [trial('a', true), trial('a', true), trial('a', false, 'infrastructure-error'), trial('a', false, 'endpoint-rejected'), trial('b', false), trial('b', false, 'aborted')];
    expect(Object.fromEntries(trialsPerBlueprint(trials))).toEqual({ a: { trials: 2, successes: 2 }, b: { trials: 1, successes: 0 } });
    expect(passHatKOfTrajectories(trials, 1)).toBe(0.5);
    expect(passHatKOfTrajectories(trials, 2)).toBe(1);
    // Counted as failures, the outages would have halved the first task's score.
    expect(passHatK([{ trials: 4, successes: 2 }], 2)).toBeCloseTo(1 / 6);
  });
});
