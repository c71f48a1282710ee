import { describe, expect, it } from 'vitest';
import { SlidingWindowBudget } from '../../src/batch/sliding-window-budget.ts';

describe('SlidingWindowBudget', () => {
  it('counts a charge until it is a window old, never longer', () => {
    const budget = new SlidingWindowBudget(2, 60_000);
    budget.charge(1, 0);
    budget.charge(1, 10_000);
    expect(budget.waitFor(1, 10_000)).toBe(50_000);
    expect(budget.used(59_999)).toBe(2);
    expect(budget.waitFor(1, 60_000)).toBe(0);
    expect(budget.used(70_000)).toBe(0);
  });

  it('corrects a charge while it is in the window, and ignores a correction after it left', () => {
    const budget = new SlidingWindowBudget(1000, 60_000);
    const first = budget.charge(400, 0);
    first.correct(100);
    expect(budget.used(1)).toBe(100);
    const second = budget.charge(400, 30_000);
    expect(budget.used(60_000)).toBe(400);
    first.correct(5000);
    expect(budget.used(60_000)).toBe(400);
    second.correct(0);
    expect(budget.used(60_000)).toBe(0);
  });

  it('lets an amount above the whole limit go once the window is empty', () => {
    const budget = new SlidingWindowBudget(100, 60_000);
    expect(budget.waitFor(500, 0)).toBe(0);
    budget.charge(500, 0);
    expect(budget.waitFor(500, 1)).toBe(59_999);
    expect(budget.waitFor(1, 59_999)).toBe(1);
  });

  it('keeps its memory bounded over many charges', () => {
    const budget = new SlidingWindowBudget(5, 1000);
    for (let at = 0; at < 100_000; at += 10) budget.charge(0, at);
    expect(budget.used(100_000)).toBe(0);
    expect(() => new SlidingWindowBudget(0)).toThrow(RangeError);
  });
});
