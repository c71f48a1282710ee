import { beforeAll, describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { offlineRoles } from '../../src/batch/offline-roles.ts';
import { planJobs } from '../../src/batch/rollout-job.ts';
import { runRollout } from '../../src/rollout/run-rollout.ts';
import { formatSummary, summarizeTrajectories } from '../../src/rollout/run-summary.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import { cancelBlueprint, retailBase, tickingClock } from '../support/default-retail.ts';

let kept: Trajectory;
beforeAll(async () => {
  const [job] = planJobs([cancelBlueprint()], 1, 1);
  kept = await runRollout({ domain: retail as never, base: retailBase() as never, blueprint: job!.blueprint, attempt: 0, seed: job!.seed, ...offlineRoles(retail as never, job!, 'oracle'), clock: tickingClock() });
});

const variant = (id: string, change: (trajectory: Trajectory) => Partial<Trajectory>): Trajectory => ({ ...kept, id, ...change(kept) });

describe('the run summary', () => {
  it('counts failed jobs apart: never graded, left out of acceptance and pass^k, listed with their reasons', () => {
    const outage = variant('x#1', (trajectory) => ({ termination: { reason: 'infrastructure-error', detail: '503' }, verdict: { ...trajectory.verdict, kept: false, reason: 'not-user-stop' } }));
    const cancelled = variant('x#2', (trajectory) => ({ termination: { reason: 'aborted' }, verdict: { ...trajectory.verdict, kept: false, reason: 'not-user-stop' } }));
    const summary = summarizeTrajectories([kept, outage, cancelled]);
    expect(summary).toMatchObject({ trajectories: 1, kept: 1, rejected: {}, terminations: { 'user-stop': 1 }, passHatK: { 1: 1 }, failedJobs: { 'infrastructure-error': { count: 1, first: '503' }, aborted: { count: 1, first: 'aborted' } } });
    // The summary's tokens are the graded trajectories' (what failed jobs spent is in the run's usage ledger).
    expect(summary.tokens.agent?.calls).toBe(kept.usage.agent?.calls);
    const text = formatSummary(summary);
    expect(text).toContain('trajectories 1: kept 1 (100.0%), rejected 0');
    expect(text).toContain('1 job failed: infrastructure-error (503) — not graded, in no rate');
    expect(text).toContain('1 job failed: aborted (aborted) — not graded, in no rate');
  });

  it('shows trajectories of unvalidated blueprints', () => {
    const unvalidated = variant('y#0', (trajectory) => ({ blueprintId: 'y', verdict: { ...trajectory.verdict, unvalidated: true } }));
    const summary = summarizeTrajectories([kept, unvalidated]);
    expect(summary.unvalidated).toEqual({ trajectories: 1, kept: 1 });
    expect(formatSummary(summary)).toContain('UNVALIDATED: 1 trajectories (kept 1) are of blueprints that failed validation stages 1-3 (--unvalidated)');
    expect(formatSummary(summarizeTrajectories([kept]))).not.toContain('UNVALIDATED');
  });
});
