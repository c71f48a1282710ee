import { describe, expect, it } from 'vitest';
import { buildBatchReport, readBatchReport } from '../../src/batch/batch-report.ts';
import { formatAccounting, formatBatchReport, formatProgress } from '../../src/batch/format-batch-report.ts';
import { withMetering } from '../../src/batch/metered-chat-model.ts';
import { costOf, defaultModelPrices, mergePrices, priceOf } from '../../src/batch/model-prices.ts';
import { TrajectoryTally } from '../../src/batch/trajectory-tally.ts';
import { UsageLedger } from '../../src/batch/usage-ledger.ts';
import { ScriptedChatModel, textReply } from '../../src/models/index.ts';
import { summarizeTrajectories } from '../../src/rollout/run-summary.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import { keptTrajectory, rejectedTrajectory } from '../store/trajectory-fixtures.ts';

const usage = (promptTokens: number, completionTokens: number) => ({ promptTokens, completionTokens, totalTokens: promptTokens + completionTokens });

describe('the price table', () => {
  it('prices a model by exact name, dated snapshot or provider prefix; an unknown model has no price', () => {
    expect(priceOf(defaultModelPrices, 'gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf(defaultModelPrices, 'gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf(defaultModelPrices, 'gpt-4o-2024-08-06')).toEqual({ input: 2.5, output: 10 });
    expect(priceOf(defaultModelPrices, 'openai/gpt-4.1-nano')).toEqual({ input: 0.1, output: 0.4 });
    expect(priceOf(defaultModelPrices, 'qwen2.5-7b-instruct')).toBeUndefined();
    expect(priceOf(defaultModelPrices, 'gpt-4ox')).toBeUndefined();
  });

  it('lets a --prices table correct and extend the shipped one', () => {
    const table = mergePrices({ 'gpt-4o': { input: 1, output: 2 }, 'qwen2.5-7b-instruct': { input: 0.05, output: 0.1 } });
    expect(priceOf(table, 'gpt-4o')).toEqual({ input: 1, output: 2 });
    expect(priceOf(table, 'qwen2.5-7b-instruct')).toEqual({ input: 0.05, output: 0.1 });
    expect(priceOf(table, 'gpt-4o-mini')).toEqual(defaultModelPrices['gpt-4o-mini']);
    expect(costOf({ input: 2.5, output: 10 }, 1_000_000, 100_000)).toBeCloseTo(3.5, 10);
    expect(costOf(undefined, 1_000_000, 100_000)).toBe(0);
  });
});

describe('the usage ledger', () => {
  it('adds tokens and cost per role and model as calls are answered; unknown models cost 0 and say so', async () => {
    const ledger = new UsageLedger(mergePrices({ 'local-model': { input: 0, output: 0 } }));
    const agent = withMetering(new ScriptedChatModel([textReply('a', { usage: usage(1000, 200) }), textReply('b', { usage: usage(3000, 100) })], { id: 'gpt-4o-mini@https://api.openai.com/v1' }), { ledger, role: 'agent', priceName: 'gpt-4o-mini' });
    const human = withMetering(new ScriptedChatModel([textReply('c', { usage: usage(500, 50) })], { id: 'mystery@http://127.0.0.1:8000/v1' }), { ledger, role: 'human', priceName: 'mystery' });
    await agent.complete({ messages: [] });
    await agent.complete({ messages: [] });
    await human.complete({ messages: [] });
    ledger.recordCacheHit('agent', 'gpt-4o-mini@https://api.openai.com/v1', 'gpt-4o-mini');

    const agentCost = (4000 * 0.15 + 300 * 0.6) / 1_000_000;
    expect(ledger.cost).toBeCloseTo(agentCost, 12);
    expect(ledger.tokens).toBe(4850);
    expect(ledger.lines()).toEqual([
      { role: 'agent', model: 'gpt-4o-mini@https://api.openai.com/v1', priceName: 'gpt-4o-mini', calls: 2, cachedCalls: 1, promptTokens: 4000, completionTokens: 300, cost: expect.closeTo(agentCost, 12), priced: true },
      { role: 'human', model: 'mystery@http://127.0.0.1:8000/v1', priceName: 'mystery', calls: 1, cachedCalls: 0, promptTokens: 500, completionTokens: 50, cost: 0, priced: false },
    ]);

    // A resumed run starts from what earlier sessions spent.
    const resumed = new UsageLedger(ledger.prices, ledger.lines());
    expect(resumed.cost).toBeCloseTo(agentCost, 12);
    resumed.recordCall('agent', 'gpt-4o-mini@https://api.openai.com/v1', 'gpt-4o-mini', usage(1000, 0));
    expect(resumed.lines()[0]).toMatchObject({ calls: 3, promptTokens: 5000 });

    const report = buildBatchReport({ at: new Date('2026-01-02T00:00:00Z'), lines: ledger.lines() });
    expect(report.accounting).toMatchObject({ currency: 'USD', tokens: 4850, unpriced: ['mystery'] });
    const text = formatAccounting(report.accounting);
    expect(text).toContain('agent     gpt-4o-mini@https://api.openai.com/v1: 2 calls (+1 from cache), 4,000 prompt + 300 completion tokens, $0.0008');
    expect(text).toContain('human     mystery@http://127.0.0.1:8000/v1: 1 calls, 500 prompt + 50 completion tokens, no price');
    expect(text).toContain('no price (counted as 0; add them with --prices <file>): mystery');
    expect(readBatchReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });
});

describe('the run summary of a batch', () => {
  it('counts like summarizeTrajectories, a trajectory at most once, and reports acceptance, endings, pass^k and the stop', () => {
    const kept = keptTrajectory();
    const rejected = rejectedTrajectory();
    const other: Trajectory = { ...keptTrajectory(), id: 'other#0', blueprintId: 'other', termination: { reason: 'agent-error', detail: 'bad reply' }, verdict: { ...rejected.verdict, reason: 'not-user-stop' } };
    // An old run's outage, written as a trajectory before failed jobs had their own file: a failed job, never a verdict.
    const outage: Trajectory = { ...other, id: 'other#1', attempt: 1, termination: { reason: 'infrastructure-error', detail: 'down' } };
    const tally = new TrajectoryTally();
    for (const trajectory of [kept, rejected, other, outage, kept]) tally.add(trajectory);
    expect(tally.summary()).toEqual(summarizeTrajectories([kept, rejected, other, outage]));
    expect([tally.count, tally.kept, tally.rejected, tally.errors, tally.failed]).toEqual([3, 1, 1, 1, 1]);
    expect(tally.ids.has('other#1')).toBe(false);
    expect(tally.summary().failedJobs).toEqual({ 'infrastructure-error': { count: 1, first: 'down' } });

    const summary = tally.summary();
    const report = buildBatchReport({
      at: new Date('2026-01-02T00:00:00Z'),
      lines: [],
      summary,
      validation: [{ blueprintId: 'broken', status: 'rejected', failedStage: 'execution', problems: ['action 1 failed', 'x'] }],
      stopped: { reason: 'max-cost', spent: 5.01, limit: 5, notStarted: 12 },
    });
    expect(report.summary).toMatchObject({ trajectories: 3, kept: 1, acceptanceRate: 1 / 3, passHatK: { 1: 0.25, 2: 0 } });
    const text = formatBatchReport(report, summary);
    expect(text).toContain('blueprints: 1 checked — 0 validated, 0 approved, 1 rejected (left out)');
    expect(text).toContain('rejected broken at execution: action 1 failed (+1 more)');
    expect(text).toContain('trajectories 3: kept 1 (33.3%)');
    expect(text).toContain('endings: user-stop 1, max-turns 1, agent-error 1');
    expect(text).toContain('1 job failed: infrastructure-error (down) — not graded, in no rate');
    expect(text).toContain('time per rollout:');
    expect(text).toContain('stopped starting jobs: the spend $5.01 reached --max-cost $5.00; 12 job(s) not started');
    expect(formatProgress({ total: 10, done: 4, kept: 3, rejected: 1, errors: 0, running: 2, tokens: 12_345, cost: 0.5, elapsedMs: 2000 })).toBe('[    2.0s] 4/10 done · kept 3 · rejected 1 · errors 0 · running 2 · 12.3k tokens · $0.5000');
  });
});
