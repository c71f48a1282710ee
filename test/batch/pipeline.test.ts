import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { dateClock } from '../../src/batch/batch-clock.ts';
import type { BatchEvent } from '../../src/batch/batch-events.ts';
import { createInProcessJobRunner } from '../../src/batch/in-process-job-runner.ts';
import { offlineRoles } from '../../src/batch/offline-roles.ts';
import type { PipelineInput } from '../../src/batch/pipeline-machine.ts';
import { createRolloutExecutor } from '../../src/batch/rollout-job-executor.ts';
import { planJobs } from '../../src/batch/rollout-job.ts';
import { runPipeline } from '../../src/batch/run-pipeline.ts';
import { TrajectoryTally } from '../../src/batch/trajectory-tally.ts';
import { createBlueprintValidator } from '../../src/batch/validate-blueprints.ts';
import { readBlueprints } from '../../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../../src/blueprints/blueprint.ts';
import type { Domain } from '../../src/domain-kit/index.ts';
import type { ChatModel } from '../../src/models/index.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import type { FailedJobRecord } from '../../src/store/index.ts';
import { retailBase, testBlueprint } from '../support/default-retail.ts';
import { FakeClock } from './support/fake-clock.ts';

const domain = retail as unknown as Domain;
const shipped = readBlueprints([fileURLToPath(new URL('../../blueprints/retail', import.meta.url))]);
const good = shipped.slice(0, 2);
const unknownTool = testBlueprint({ id: 'calls-a-tool-that-does-not-exist', actions: [{ name: 'teleport_order', arguments: {} }] });

function setup(overrides: Partial<PipelineInput> & { concurrency?: number; trials?: number } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const events: BatchEvent[] = [];
  const recorded: Trajectory[] = [];
  const base = retailBase();
  const { concurrency = 2, trials = 2, ...rest } = overrides;
  const input: PipelineInput = {
    blueprints: [...good, unknownTool],
    validate: createBlueprintValidator({ domain, base }),
    validationConcurrency: concurrency,
    plan: (accepted) => planJobs(accepted, trials, 5),
    alreadyDone: new Set(),
    runner: createInProcessJobRunner({ concurrency, execute: createRolloutExecutor({ domain, base, roles: (job) => offlineRoles(domain, job, 'fallible'), clock: dateClock(clock) }) }),
    record: async (trajectory) => {
      recorded.push(trajectory);
    },
    tally: new TrajectoryTally(),
    clock,
    progressIntervalMs: 60_000,
    emit: (event) => events.push(event),
    ...rest,
  };
  return { input, events, recorded, clock };
}

const types = (events: BatchEvent[]) => events.map((event) => (event.type === 'phase' ? `phase:${event.phase}` : event.type));

describe('the batch pipeline', () => {
  it('validates first, leaves rejected blueprints out, then rolls out every job of the accepted ones', async () => {
    const validatedBeforeRollouts: string[] = [];
    const { input, events, recorded } = setup({
      onValidated: async (result) => {
        validatedBeforeRollouts.push(...result.accepted.map((blueprint) => blueprint.id));
        expect(events.some((event) => event.type === 'job-start')).toBe(false);
      },
    });
    const output = await runPipeline(input);

    expect(output.verdicts.map((verdict) => [verdict.blueprintId, verdict.status])).toEqual([...good.map((blueprint) => [blueprint.id, 'validated']), [unknownTool.id, 'rejected']]);
    const rejected = output.verdicts.find((verdict) => verdict.status === 'rejected');
    expect(rejected?.failedStage).toBe('format');
    expect(rejected?.problems.join(' ')).toContain('teleport_order');
    expect(validatedBeforeRollouts).toEqual(good.map((blueprint) => blueprint.id));
    expect(output).toMatchObject({ jobs: 4, skipped: 0, started: 4, recorded: 4 });
    expect(recorded.map((trajectory) => trajectory.id).sort()).toEqual(good.flatMap((blueprint) => [`${blueprint.id}#0`, `${blueprint.id}#1`]).sort());
    expect(output.stopped).toBeUndefined();
  });

  it('emits its events in order: phases, verdicts, and per job start → rollout events → end', async () => {
    const { input, events } = setup();
    await runPipeline(input);
    const sequence = types(events);
    expect(sequence.slice(0, 5)).toEqual(['phase:validation', 'blueprint-validated', 'blueprint-validated', 'blueprint-validated', 'phase:rollouts']);
    expect(sequence.slice(-2)).toEqual(['progress', 'phase:done']);
    expect(sequence.filter((type) => type === 'job-start')).toHaveLength(4);
    for (const jobId of events.flatMap((event) => (event.type === 'job-start' ? [event.jobId] : []))) {
      const own = events.flatMap((event, index) => ('jobId' in event && event.jobId === jobId ? [[event.type, index] as const] : []));
      expect(own[0]?.[0]).toBe('job-start');
      expect(own.at(-1)?.[0]).toBe('job-end');
      expect(own.slice(1, -1).every(([type]) => type === 'rollout')).toBe(true);
      const rolloutEvents = events.filter((event): event is Extract<BatchEvent, { type: 'rollout' }> => event.type === 'rollout' && event.jobId === jobId);
      expect(rolloutEvents.at(-1)?.event.type).toBe('verdict');
    }
    const last = events.at(-2);
    expect(last?.type === 'progress' && last.progress).toMatchObject({ total: 4, done: 4, running: 0 });
    const timestamps = events.map((event) => event.at);
    expect(timestamps.every((at) => at === '2026-01-01T00:00:00.000Z')).toBe(true);
  });

  it('skips the jobs a resumed run already has, and counts them as done', async () => {
    const { input, events } = setup();
    const first = `${good[0]!.id}#0`;
    const tally = new TrajectoryTally();
    const { input: earlier, recorded } = setup();
    await runPipeline(earlier);
    tally.add(recorded.find((trajectory) => trajectory.id === first) as Trajectory);
    const output = await runPipeline({ ...input, alreadyDone: tally.ids, tally, validated: { verdicts: [], accepted: good } });
    expect(output).toMatchObject({ jobs: 4, skipped: 1, started: 3, recorded: 3 });
    expect(events.filter((event) => event.type === 'job-skipped').map((event) => 'jobId' in event && event.jobId)).toEqual([first]);
    expect(events.some((event) => event.type === 'blueprint-validated')).toBe(false);
    expect(events.some((event) => event.type === 'job-start' && event.jobId === first)).toBe(false);
    expect(tally.count).toBe(4);
  });

  it('stops starting jobs once the spend reaches --max-cost, lets the running ones finish, and says so', async () => {
    let spent = 0;
    const { input, events, recorded } = setup({
      concurrency: 2,
      trials: 5,
      maxCost: 2.5,
      spent: () => ({ cost: spent, tokens: 0 }),
      record: async (trajectory) => {
        recorded.push(trajectory);
        spent += 1;
      },
    });
    const output = await runPipeline(input);
    // Each end starts another job while the spend is under 2.5; once it is not, nothing more starts,
    // and every job already running is still recorded.
    expect(output.stopped).toMatchObject({ reason: 'max-cost', limit: 2.5 });
    expect(output.stopped?.reason === 'max-cost' && output.stopped.spent).toBeGreaterThanOrEqual(2.5);
    expect(output.started).toBeGreaterThanOrEqual(3);
    expect(output.started).toBeLessThan(10);
    expect(output.recorded).toBe(output.started);
    expect(recorded).toHaveLength(output.started);
    expect(output.stopped?.notStarted).toBe(10 - output.started);
    expect(events.at(-1)).toMatchObject({ type: 'phase', phase: 'done', stopped: { reason: 'max-cost', notStarted: 10 - output.started } });
  });

  it('runs the committee only for blueprints not yet approved, and only with reviewers', async () => {
    const asked: string[] = [];
    const failingReviewer: ChatModel = {
      id: 'reviewer',
      complete: async () => {
        throw new Error('reviewer endpoint down');
      },
    };
    const approved: Blueprint = { ...good[1]!, id: 'already-approved', status: 'approved' };
    const validate = createBlueprintValidator({
      domain,
      base: retailBase(),
      models: (blueprint) => {
        asked.push(blueprint.id);
        return { reviewers: [failingReviewer] };
      },
    });
    const { input } = setup({ blueprints: [good[0]!, approved], validate, trials: 1 });
    const output = await runPipeline(input);
    expect(asked).toEqual([good[0]!.id]);
    // A reviewer that keeps failing is no verdict on the blueprint: its validation did not finish.
    expect(output.verdicts.map((verdict) => verdict.status)).toEqual(['unfinished', 'approved']);
    expect(output.verdicts[0]?.problems[0]).toMatch(/validation did not finish: .*reviewer endpoint down/);
    expect(output.accepted).toEqual([approved]);

    const offline = await runPipeline(setup({ blueprints: [good[0]!], validate: createBlueprintValidator({ domain, base: retailBase() }), trials: 1 }).input);
    expect(offline.verdicts.map((verdict) => verdict.status)).toEqual(['validated']);
    expect(offline.accepted[0]?.checks?.find((check) => check.stage === 'committee')?.skipped).toBe(true);
  });

  it('fails on a harness error (the store), starting nothing more, after the running jobs stop', async () => {
    let records = 0;
    const { input, events } = setup({
      concurrency: 1,
      trials: 3,
      record: async () => {
        records++;
        if (records === 2) throw new Error('disk full');
      },
    });
    await expect(runPipeline(input)).rejects.toThrow('disk full');
    expect(events.filter((event) => event.type === 'job-start')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'job-end')).toHaveLength(1);
  });

  it('on cancel, cuts running rollouts short: they are failed jobs (aborted), never trajectories', async () => {
    const controller = new AbortController();
    const base = retailBase();
    const clock = new FakeClock();
    // Attempt 0 runs the offline policies; the other attempts' agent waits until it is cancelled.
    const waitingAgent: ChatModel = { id: 'waits', complete: ({ signal }) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })) };
    const roles: Parameters<typeof createRolloutExecutor>[0]['roles'] = (job) => (job.attempt === 0 ? offlineRoles(domain, job, 'oracle') : { ...offlineRoles(domain, job, 'oracle'), agent: waitingAgent });
    const failed: FailedJobRecord[] = [];
    const { input, recorded, events } = setup({
      concurrency: 3,
      trials: 3,
      blueprints: [good[0]!],
      recordFailedJob: async (record) => {
        failed.push(record);
      },
      runner: createInProcessJobRunner({ concurrency: 3, execute: createRolloutExecutor({ domain, base, roles, clock: dateClock(clock) }) }),
      emit: (event) => {
        events.push(event);
        if (event.type === 'job-end') controller.abort();
      },
    });
    const output = await runPipeline(input, controller.signal);
    expect(output).toMatchObject({ started: 3, recorded: 1, failed: 2, stopped: { reason: 'aborted', notStarted: 0 } });
    expect(recorded.map((trajectory) => trajectory.id)).toEqual([`${good[0]!.id}#0`]);
    expect(failed.map((record) => [record.jobId, record.termination.reason]).sort()).toEqual([
      [`${good[0]!.id}#1`, 'aborted'],
      [`${good[0]!.id}#2`, 'aborted'],
    ]);
    expect(failed.every((record) => record.termination.detail === 'cancelled: the batch was cancelled')).toBe(true);
    expect(events.filter((event) => event.type === 'job-failed')).toHaveLength(2);
    expect(input.tally.summary()).toMatchObject({ trajectories: 1, failedJobs: { aborted: { count: 2 } } });
    expect(events.at(-1)).toMatchObject({ type: 'phase', phase: 'done', stopped: { reason: 'aborted' } });
  });
});
