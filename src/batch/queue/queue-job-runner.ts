import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { FailedJobError, type FailedJob } from '../../rollout/failed-job.ts';
import type { RolloutEvent } from '../../rollout/rollout-events.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import type { BatchClock } from '../batch-clock.ts';
import type { JobContext, JobRunner } from '../job-runner.ts';
import type { RolloutJob } from '../rollout-job.ts';
import type { LedgerLine } from '../usage-ledger.ts';
import { bullConnection, type QueueLocation } from './queue-connection.ts';
import { bullJobId, QUEUED_RUN_SCHEMA_VERSION, queuedResultSchema, type QueuedJob } from './queued-run.ts';

/** BullMQ's name of every rollout job (one kind of job per queue). */
export const ROLLOUT_JOB_NAME = 'rollout';

/** What a worker sends through `job.updateProgress`: rollout events, in order, for the live view. */
export interface QueuedProgress {
  events: RolloutEvent[];
}

export interface QueueJobRunnerOptions {
  location: QueueLocation;
  /** A connection of the coordinator's (read for Redis's clock). */
  connection: Redis;
  /** The run's key on the queue (see queueRunKey); its inputs must be stored before the first job. */
  runKey: string;
  /** Jobs on the queue at once for this run (the pipeline hands the runner no more than this). */
  capacity: number;
  clock: BatchClock;
  /** What each received job's model calls spent: the coordinator adds it to its ledger. */
  onUsage?: (lines: LedgerLine[]) => void;
  /**
   * How often the jobs waited on are looked up directly, besides BullMQ's completion events: a missed
   * event (a reconnect, a trimmed event stream) never leaves a result uncollected. 5 s by default.
   */
  sweepIntervalMs?: number;
}

interface Waiter {
  job: RolloutJob;
  context: JobContext;
  resolve: (trajectory: Trajectory) => void;
  reject: (reason: unknown) => void;
  settled: boolean;
}

/**
 * Runs jobs on a BullMQ queue: `interplay worker` processes take them, on any machine. The coordinator —
 * the process that holds the run folder — stays its only writer: it enqueues one BullMQ job per rollout
 * job with the deterministic id as BullMQ's jobId (enqueueing again is a no-op), and takes each result
 * from the job itself, as BullMQ stored it when the worker returned it. That return value is the truth: the
 * completion event only says when to read it, and a sweep reads the jobs still waited on, so a result that
 * came while the coordinator was down (or while an event was missed) is collected, once, when it asks.
 *
 * BullMQ's `attempts` is 1: a job that failed for the world (outage, endpoint rejection, a worker without
 * the key) is not a BullMQ failure but a failed-job result, recorded as such and run again by `--resume`;
 * BullMQ retrying would run work twice behind the run's back. A worker that dies mid-job is another
 * matter: BullMQ's stalled-job check hands the job to another worker (the processor never finished, so
 * nothing is duplicated). A processor that throws is a harness failure and ends the batch with its reason.
 */
export async function createQueueJobRunner(options: QueueJobRunnerOptions): Promise<JobRunner> {
  const { location, runKey, clock } = options;
  const connection = bullConnection(location);
  const queue = new Queue(location.name, { connection });
  queue.on('error', () => undefined);
  // Events from now on (Redis's clock): earlier results are read from the jobs themselves.
  const [seconds, micros] = await options.connection.time();
  const lastEventId = `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}-0`;
  const events = new QueueEvents(location.name, { connection, lastEventId });
  events.on('error', () => undefined);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);

  const waiters = new Map<string, Waiter>();
  /** Jobs whose result this session took: removed from Redis when the runner closes. */
  const received = new Set<string>();
  const closing = new AbortController();

  const settle = (id: string, outcome: { trajectory: Trajectory } | { error: unknown }) => {
    const waiter = waiters.get(id);
    if (!waiter || waiter.settled) return;
    waiter.settled = true;
    waiters.delete(id);
    received.add(id);
    if ('trajectory' in outcome) waiter.resolve(outcome.trajectory);
    else waiter.reject(outcome.error);
  };

  /** Settles a waiter from a finished job's return value (or its BullMQ failure). */
  const take = (id: string, returnvalue: unknown, failedReason: string | undefined) => {
    const waiter = waiters.get(id);
    if (!waiter) return;
    if (failedReason !== undefined) {
      settle(id, { error: new Error(`job ${waiter.job.id} failed on a worker: ${failedReason}`) });
      return;
    }
    const parsed = queuedResultSchema.safeParse(typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue);
    if (!parsed.success) {
      settle(id, { error: new Error(`job ${waiter.job.id} came back from a worker unreadable: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`) });
      return;
    }
    const result = parsed.data;
    options.onUsage?.(result.usage);
    if (result.kind === 'trajectory') settle(id, { trajectory: result.trajectory as Trajectory });
    else settle(id, { error: new FailedJobError(result.failedJob as FailedJob) });
  };

  /** Looks a waited-on job up in Redis and takes its result if it has one. */
  const check = async (id: string) => {
    if (!waiters.has(id)) return;
    // The state first: a job read before it finished would carry no return value yet (its completion
    // stores the value and the state at once, so a job read after the state says finished has both).
    const state = await queue.getJobState(id);
    if (state !== 'completed' && state !== 'failed') return;
    const job = await Job.fromId(queue, id);
    if (!job) return;
    if (state === 'completed') take(id, job.returnvalue, undefined);
    else take(id, undefined, job.failedReason || 'no reason given');
  };

  events.on('completed', ({ jobId, returnvalue }) => {
    if (waiters.has(jobId)) take(jobId, returnvalue, undefined);
  });
  events.on('failed', ({ jobId }) => {
    if (waiters.has(jobId)) void check(jobId).catch(() => undefined);
  });
  events.on('progress', ({ jobId, data }) => {
    const waiter = waiters.get(jobId);
    const forwarded = (data as Partial<QueuedProgress> | undefined)?.events;
    if (waiter && Array.isArray(forwarded)) for (const event of forwarded) waiter.context.onEvent(event);
  });

  const sweep = async () => {
    const interval = options.sweepIntervalMs ?? 5_000;
    while (!closing.signal.aborted) {
      await clock.sleep(interval, closing.signal).catch(() => undefined);
      for (const id of [...waiters.keys()]) await check(id).catch(() => undefined);
    }
  };
  const sweeping = sweep();

  /**
   * Puts a job on the queue unless it is there. A job found finished by an earlier session's worker: its
   * trajectory is collected; a failed-job result or a BullMQ failure is removed and the job runs again
   * (that is what a resume does with failed jobs).
   */
  const enqueue = async (id: string, job: RolloutJob) => {
    const state = await queue.getJobState(id);
    const existing = state === 'unknown' ? undefined : await Job.fromId(queue, id);
    if (existing) {
      const failedResult = state === 'completed' && queuedResultSchema.safeParse(existing.returnvalue).data?.kind === 'failed';
      if (state !== 'failed' && !failedResult) return;
      await existing.remove();
    }
    const data: QueuedJob = { schemaVersion: QUEUED_RUN_SCHEMA_VERSION, runKey, job };
    await queue.add(ROLLOUT_JOB_NAME, data, { jobId: id, attempts: 1, removeOnComplete: false, removeOnFail: false });
  };

  return {
    capacity: Math.max(1, Math.floor(options.capacity)),
    run(job: RolloutJob, context: JobContext): Promise<Trajectory> {
      if (context.signal.aborted) return Promise.reject(context.signal.reason);
      const id = bullJobId(runKey, job.id);
      return new Promise<Trajectory>((resolve, reject) => {
        const onAbort = () => {
          settle(id, { error: context.signal.reason });
          // A job no worker took yet leaves the queue; a running one finishes and waits for a resume.
          void queue.remove(id).catch(() => undefined);
        };
        const waiter: Waiter = {
          job,
          context,
          resolve: (trajectory) => {
            context.signal.removeEventListener('abort', onAbort);
            resolve(trajectory);
          },
          reject: (reason) => {
            context.signal.removeEventListener('abort', onAbort);
            reject(reason);
          },
          settled: false,
        };
        waiters.set(id, waiter);
        context.signal.addEventListener('abort', onAbort, { once: true });
        enqueue(id, job)
          .then(() => check(id))
          .catch((error: unknown) => settle(id, { error }));
      });
    },
    async close() {
      closing.abort();
      await sweeping;
      // The results are recorded by now (the pipeline closes its runner last): their jobs leave Redis.
      for (const id of received) await queue.remove(id).catch(() => undefined);
      await events.close();
      await queue.close();
    },
  };
}
