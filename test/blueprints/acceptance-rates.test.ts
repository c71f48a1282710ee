import { describe, expect, it } from 'vitest';
import { acceptanceRates } from '../../src/blueprints/acceptance-rates.ts';
import type { StageResult, ValidationRound } from '../../src/blueprints/validation-result.ts';

const pass = (stage: StageResult['stage']): StageResult => ({ stage, passed: true, problems: [] });
const fail = (stage: StageResult['stage']): StageResult => ({ stage, passed: false, problems: ['x'] });
const skip: StageResult = { stage: 'committee', passed: false, skipped: true, problems: [] };
const round = (index: number, checks: StageResult[]): ValidationRound => ({ round: index, instruction: 'i', actions: [], outputs: [], checks });

const approvedAtOnce = { accepted: true, history: [round(0, [pass('format'), pass('execution'), pass('policy'), pass('committee')])] };
const approvedAfterOne = { accepted: true, history: [round(0, [pass('format'), fail('execution')]), round(1, [pass('format'), pass('execution'), pass('policy'), pass('committee')])] };
const rejected = {
  accepted: false,
  history: [round(0, [fail('format')]), round(1, [pass('format'), pass('execution'), pass('policy'), fail('committee')]), round(2, [pass('format'), pass('execution'), fail('policy')])],
};

describe('acceptance rates', () => {
  it('reports the share accepted per round (without and with the feedback loop) and per stage', () => {
    const report = acceptanceRates([approvedAtOnce, approvedAfterOne, rejected, approvedAtOnce]);
    expect(report).toMatchObject({ total: 4, accepted: 3, rate: 0.75, withoutFeedback: 0.5, withFeedback: 0.75 });
    expect(report.byRound).toEqual([
      { round: 0, acceptedInRound: 2, acceptedByRound: 2, rate: 0.5 },
      { round: 1, acceptedInRound: 1, acceptedByRound: 3, rate: 0.75 },
      { round: 2, acceptedInRound: 0, acceptedByRound: 3, rate: 0.75 },
    ]);
    expect(report.byStage).toEqual([
      { stage: 'format', reached: 7, passed: 6, skipped: 0, rate: 6 / 7 },
      { stage: 'execution', reached: 6, passed: 5, skipped: 0, rate: 5 / 6 },
      { stage: 'policy', reached: 5, passed: 4, skipped: 0, rate: 0.8 },
      { stage: 'committee', reached: 4, passed: 3, skipped: 0, rate: 0.75 },
    ]);
  });

  it('counts a skipped committee apart, and handles no outcomes', () => {
    const offline = { accepted: true, history: [round(0, [pass('format'), pass('execution'), pass('policy'), skip])] };
    expect(acceptanceRates([offline]).byStage[3]).toEqual({ stage: 'committee', reached: 0, passed: 0, skipped: 1, rate: null });
    expect(acceptanceRates([])).toEqual({
      total: 0,
      accepted: 0,
      rate: 0,
      withoutFeedback: 0,
      withFeedback: 0,
      byStage: ['format', 'execution', 'policy', 'committee'].map((stage) => ({ stage, reached: 0, passed: 0, skipped: 0, rate: null })),
      byRound: [],
    });
  });
});
