import { setMaxListeners } from 'node:events';
import { and, assign, enqueueActions, fromPromise, setup, type ActorRefFrom } from 'xstate';
import type { Blueprint } from '../blueprints/blueprint.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { FailedJobRecord } from '../store/failed-job-log.ts';
import { isoTime, type BatchClock } from './batch-clock.ts';
import type { BatchEventListener, BatchProgress, BatchStop } from './batch-events.ts';
import { endpointRejectionAbort, failedOnItsOwn, stopForFailedJob } from './failed-job-record.ts';
import { summarizeJobEnd } from './job-end-summary.ts';
import { jobLane, type JobSettledEvent } from './job-lane.ts';
import type { JobRunner } from './job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';
import type { TrajectoryTally } from './trajectory-tally.ts';
import { isAcceptedVerdict, validateBlueprints, type BlueprintValidator, type BlueprintVerdict } from './validate-blueprints.ts';

/**
 * What phase 1 leaves behind: a verdict per blueprint (without the blueprint itself), the blueprints to
 * roll out, and those whose validation did not finish (kept in the run so `--resume` validates them again).
 */
export interface PhaseOneResult {
  verdicts: Omit<BlueprintVerdict, 'blueprint'>[];
  accepted: Blueprint[];
  unfinished?: Blueprint[];
}

export interface PipelineInput {
  /** The blueprints phase 1 validates. */
  blueprints: readonly Blueprint[];
  validate: BlueprintValidator;
  /** Phase 1 already finished in an earlier session of this run: its result (phase 1 is then not run again). */
  validated?: PhaseOneResult;
  /** Called once phase 1 has ended, before any rollout starts (to store the accepted blueprints). */
  onValidated?: (result: PhaseOneResult) => Promise<void>;
  /** Blueprints validated at once in phase 1. */
  validationConcurrency: number;
  /** Every job of the accepted blueprints, in a deterministic order. */
  plan: (accepted: readonly Blueprint[]) => RolloutJob[];
  /** Jobs whose trajectory is already in the run's log (a resumed run): skipped. */
  alreadyDone: ReadonlySet<string>;
  runner: JobRunner;
  /** Stores a finished trajectory (append-only log); a job counts as done only once this resolves. */
  record: (trajectory: Trajectory, job: RolloutJob) => Promise<void>;
  /**
   * Stores a failed job (failed-jobs.jsonl): an outage, an endpoint rejection, a cancel. Never graded.
   * Without it failed jobs are only counted and reported (a benchmark's batch keeps no run folder).
   */
  recordFailedJob?: (record: FailedJobRecord, job: RolloutJob) => Promise<void>;
  /**
   * Stop starting jobs once this many jobs of this session failed on their own (outages; cancels do not
   * count): a long outage stops the batch instead of burning through it. No budget when absent.
   */
  maxFailedJobs?: number;
  /** Counts over the run's trajectories (those of earlier sessions included); the pipeline adds each recorded one. */
  tally: TrajectoryTally;
  /** What was spent so far (the usage ledger); without it, tokens come from the trajectories and cost is 0. */
  spent?: () => { cost: number; tokens: number };
  /** Stop starting jobs once the spent cost reaches this. */
  maxCost?: number;
  clock: BatchClock;
  /** A `progress` event at most this often (on the injected clock) as jobs end, plus one per phase. */
  progressIntervalMs: number;
  emit: BatchEventListener;
}

export interface PipelineOutput {
  verdicts: PhaseOneResult['verdicts'];
  accepted: Blueprint[];
  /** Every job of the accepted blueprints, done in an earlier session or not. */
  jobs: number;
  skipped: number;
  started: number;
  recorded: number;
  /** Jobs of this session that ended as failed jobs (recorded in failed-jobs.jsonl). */
  failed: number;
  stopped?: BatchStop;
  /** A harness failure (the store, the runner): the batch stopped without finishing. */
  error?: unknown;
  startedAt: number;
  endedAt: number;
}

type PipelineEvent = JobSettledEvent | { type: 'ABORT' };

interface PipelineContext {
  input: PipelineInput;
  /** Cancels the validation and every running job. */
  controller: AbortController;
  verdicts: PhaseOneResult['verdicts'];
  accepted: Blueprint[];
  /** The jobs to run (those already done left out), started in order from `next`. */
  pending: RolloutJob[];
  next: number;
  jobs: number;
  skipped: number;
  /** Lanes waiting for a job; the others are running one. */
  idleLanes: string[];
  running: number;
  started: number;
  recorded: number;
  failed: number;
  /** Failed jobs of this session that count toward `maxFailedJobs` (cancels left out). */
  failedOnTheirOwn: number;
  /** No more jobs start: spending limit, abort or failure. */
  stopping: boolean;
  stopped: BatchStop | undefined;
  error: unknown;
  startedAt: number;
  lastProgressAt: number;
}

/** One controller for every running job: each rollout and the runner listen to its signal. */
function sharedController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

function progressOf(context: PipelineContext, now: number): BatchProgress {
  const { tally } = context.input;
  const spent = context.input.spent?.() ?? { cost: 0, tokens: tally.tokens };
  return {
    total: context.jobs,
    done: tally.count,
    kept: tally.kept,
    rejected: tally.rejected,
    errors: tally.errors,
    failed: tally.failed,
    running: context.running,
    tokens: spent.tokens,
    cost: spent.cost,
    elapsedMs: Math.max(0, now - context.startedAt),
  };
}

/** Emits a progress event and returns when it did. */
function reportProgress(context: PipelineContext): number {
  const now = context.input.clock.now();
  context.input.emit({ type: 'progress', progress: progressOf(context, now), at: new Date(now).toISOString() });
  return now;
}

/** Counts a failed job of this session, reports it, and stops the batch when `stopForFailedJob` says so. */
function failJob(context: PipelineContext, record: FailedJobRecord): Partial<PipelineContext> {
  const { input } = context;
  input.tally.addFailedJob(record.jobId, record);
  const { schemaVersion: _schemaVersion, ...event } = record;
  input.emit({ type: 'job-failed', ...event });
  const counted = { failed: context.failed + 1, failedOnTheirOwn: context.failedOnTheirOwn + (failedOnItsOwn(record) ? 1 : 0) };
  if (context.stopping) return counted;
  const decision = stopForFailedJob(record, { ...counted, maxFailedJobs: input.maxFailedJobs, notStarted: Math.max(0, context.pending.length - context.next) });
  if (!decision) return counted;
  if (decision.cancelRunning) context.controller.abort(endpointRejectionAbort());
  return { ...counted, stopping: true, stopped: decision.stop };
}

/**
 * The batch as one machine. Phase 1 is an invoked actor that validates every blueprint and leaves the
 * rejected out. Phase 2 spawns one lane actor per slot of the job runner and hands each lane a job at a
 * time; a lane runs its job as a rollout actor on the runner, records the trajectory and reports back.
 * The machine only decides — which job starts next, when the spending limit stops new starts, when the
 * batch is over — and reports everything as BatchEvents, in order: phase, blueprint-validated...,
 * phase, job-skipped..., (job-start, rollout..., job-end)... with progress between, phase done.
 */
export const pipelineMachine = setup({
  types: {
    input: {} as PipelineInput,
    context: {} as PipelineContext,
    output: {} as PipelineOutput,
    events: {} as PipelineEvent,
  },
  actors: {
    validateAll: fromPromise<PhaseOneResult, { pipeline: PipelineInput; signal: AbortSignal }>(async ({ input }) => {
      const { pipeline, signal } = input;
      const verdicts = await validateBlueprints(pipeline.blueprints, {
        validate: pipeline.validate,
        concurrency: pipeline.validationConcurrency,
        signal,
        onVerdict: (verdict) => pipeline.emit({ type: 'blueprint-validated', blueprintId: verdict.blueprintId, status: verdict.status, at: isoTime(pipeline.clock) }),
      });
      const result: PhaseOneResult = {
        verdicts: verdicts.map(({ blueprint: _blueprint, ...verdict }) => verdict),
        accepted: verdicts.filter(isAcceptedVerdict).map((verdict) => verdict.blueprint),
        unfinished: verdicts.filter((verdict) => verdict.status === 'unfinished').map((verdict) => verdict.blueprint),
      };
      signal.throwIfAborted();
      await pipeline.onValidated?.(result);
      return result;
    }),
    jobLane,
  },
  guards: {
    validatedBefore: ({ context }) => context.input.validated !== undefined,
    allSettled: ({ context }) => context.running === 0 && (context.stopping || context.next >= context.pending.length),
    stopping: ({ context }) => context.stopping,
    failing: ({ context }) => context.error !== undefined,
  },
  actions: {
    announce: ({ context }, params: { phase: 'validation' | 'rollouts' }) => context.input.emit({ type: 'phase', phase: params.phase, at: isoTime(context.input.clock) }),
    restoreValidation: enqueueActions(({ context, enqueue }) => {
      const previous = context.input.validated as PhaseOneResult;
      for (const verdict of previous.verdicts) context.input.emit({ type: 'blueprint-validated', blueprintId: verdict.blueprintId, status: verdict.status, at: isoTime(context.input.clock) });
      enqueue.assign({ verdicts: previous.verdicts, accepted: previous.accepted });
    }),
    planJobs: enqueueActions(({ context, enqueue }) => {
      const { input } = context;
      const jobs = input.plan(context.accepted);
      const pending: RolloutJob[] = [];
      for (const job of jobs) {
        if (input.alreadyDone.has(job.id)) input.emit({ type: 'job-skipped', jobId: job.id, reason: 'already-done', at: isoTime(input.clock) });
        else pending.push(job);
      }
      const planned = { jobs: jobs.length, skipped: jobs.length - pending.length, pending };
      enqueue.assign({ ...planned, lastProgressAt: reportProgress({ ...context, ...planned }) });
    }),
    spawnLanes: enqueueActions(({ context, enqueue }) => {
      const { input } = context;
      const lanes = Math.min(input.runner.capacity, context.pending.length);
      const idleLanes: string[] = [];
      for (let index = lanes - 1; index >= 0; index--) {
        const lane = `lane-${index}`;
        enqueue.spawnChild('jobLane', {
          id: lane,
          input: { lane, runner: input.runner, record: input.record, recordFailedJob: input.recordFailedJob ?? (() => Promise.resolve()), emit: input.emit, clock: input.clock, signal: context.controller.signal },
        });
        idleLanes.push(lane);
      }
      enqueue.assign({ idleLanes });
    }),
    startJobs: enqueueActions(({ context, enqueue }) => {
      if (context.stopping) return;
      const { input } = context;
      const idleLanes = [...context.idleLanes];
      let { next, running, started } = context;
      let stopped: BatchStop | undefined;
      while (idleLanes.length > 0 && next < context.pending.length) {
        const spent = input.spent?.().cost ?? 0;
        if (input.maxCost !== undefined && spent >= input.maxCost) {
          stopped = { reason: 'max-cost', spent, limit: input.maxCost, notStarted: context.pending.length - next };
          break;
        }
        const job = context.pending[next++] as RolloutJob;
        input.emit({ type: 'job-start', jobId: job.id, blueprintId: job.blueprint.id, attempt: job.attempt, at: isoTime(input.clock) });
        enqueue.sendTo(idleLanes.pop() as string, { type: 'RUN', job });
        running++;
        started++;
      }
      enqueue.assign({ idleLanes, next, running, started, ...(stopped ? { stopping: true, stopped } : {}) });
    }),
    settleJob: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'JOB_SETTLED') return;
      const { input } = context;
      const idle = { idleLanes: [...context.idleLanes, event.lane], running: context.running - 1 };
      const { outcome } = event;
      if (outcome.kind === 'failed') {
        if (!context.controller.signal.aborted) context.controller.abort(outcome.error);
        enqueue.assign({ ...idle, stopping: true, error: context.error ?? outcome.error });
        return;
      }
      if (outcome.kind === 'cancelled') {
        enqueue.assign(idle);
        return;
      }
      if (outcome.kind === 'failed-job') {
        enqueue.assign({ ...idle, ...failJob(context, outcome.record) });
        return;
      }
      input.tally.add(outcome.trajectory);
      // Listeners in this process get the trajectory itself; the event log keeps only its id and summary.
      const { trajectory } = outcome;
      input.emit({ type: 'job-end', jobId: event.jobId, trajectoryId: trajectory.id, summary: summarizeJobEnd(trajectory), trajectory, at: isoTime(input.clock) });
      const due = input.clock.now() - context.lastProgressAt >= input.progressIntervalMs;
      enqueue.assign({ ...idle, recorded: context.recorded + 1, ...(due ? { lastProgressAt: reportProgress({ ...context, ...idle }) } : {}) });
    }),
    abort: enqueueActions(({ context, enqueue }) => {
      // A cancel cuts the running jobs short even when the batch was already stopping (spend, failed jobs).
      if (!context.controller.signal.aborted) context.controller.abort(new DOMException('the batch was cancelled', 'AbortError'));
      if (context.stopping) return;
      enqueue.assign({ stopping: true, stopped: { reason: 'aborted', notStarted: Math.max(0, context.pending.length - context.next) } });
    }),
    finish: ({ context }) => {
      reportProgress(context);
      context.input.emit({ type: 'phase', phase: 'done', at: isoTime(context.input.clock), ...(context.stopped ? { stopped: context.stopped } : {}) });
    },
  },
}).createMachine({
  id: 'pipeline',
  context: ({ input }) => ({
    input,
    controller: sharedController(),
    failed: 0,
    failedOnTheirOwn: 0,
    verdicts: [],
    accepted: [],
    pending: [],
    next: 0,
    jobs: 0,
    skipped: 0,
    idleLanes: [],
    running: 0,
    started: 0,
    recorded: 0,
    stopping: false,
    stopped: undefined,
    error: undefined,
    startedAt: input.clock.now(),
    lastProgressAt: input.clock.now(),
  }),
  on: { ABORT: { actions: 'abort' } },
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: 'validatedBefore', target: 'rolling', actions: [{ type: 'announce', params: { phase: 'validation' } }, 'restoreValidation'] },
        { target: 'validating' },
      ],
    },
    validating: {
      entry: { type: 'announce', params: { phase: 'validation' } },
      invoke: {
        src: 'validateAll',
        input: ({ context }) => ({ pipeline: context.input, signal: context.controller.signal }),
        onDone: { target: 'rolling', actions: assign(({ event }) => ({ verdicts: event.output.verdicts, accepted: event.output.accepted })) },
        onError: [{ guard: 'stopping', target: 'done' }, { target: 'failed', actions: assign(({ event }) => ({ error: event.error })) }],
      },
    },
    rolling: {
      entry: [{ type: 'announce', params: { phase: 'rollouts' } }, 'planJobs', 'spawnLanes', 'startJobs'],
      on: { JOB_SETTLED: { actions: ['settleJob', 'startJobs'] } },
      always: [
        { guard: and(['allSettled', 'failing']), target: 'failed' },
        { guard: 'allSettled', target: 'done' },
      ],
    },
    done: { type: 'final', entry: 'finish' },
    failed: { type: 'final' },
  },
  output: ({ context }) => ({
    verdicts: context.verdicts,
    accepted: context.accepted,
    jobs: context.jobs,
    skipped: context.skipped,
    started: context.started,
    recorded: context.recorded,
    failed: context.failed,
    ...(context.stopped ? { stopped: context.stopped } : {}),
    ...(context.error !== undefined ? { error: context.error } : {}),
    startedAt: context.startedAt,
    endedAt: context.input.clock.now(),
  }),
});

export type PipelineActor = ActorRefFrom<typeof pipelineMachine>;
