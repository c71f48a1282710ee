import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Domain } from '../../domain-kit/index.ts';
import type { ChatTransport } from '../../models/index.ts';
import { FailedJobError, type FailedJob } from '../../rollout/failed-job.ts';
import type { RolloutEvent } from '../../rollout/rollout-events.ts';
import type { BatchClock } from '../batch-clock.ts';
import { composeBatch, MissingApiKeyError, runModelConfigs, type BatchModelConfigs } from '../batch-composition.ts';
import type { ModelConfig } from '../../models/index.ts';
import type { RolloutJob } from '../rollout-job.ts';
import { UsageLedger } from '../usage-ledger.ts';
import { bullConnection, type QueueLocation } from './queue-connection.ts';
import type { QueuedProgress } from './queue-job-runner.ts';
import { fetchQueuedRun, QUEUED_RUN_SCHEMA_VERSION, queuedJobSchema, type QueuedResult, type QueuedRun } from './queued-run.ts';
import { RedisEndpointLimiters } from './redis-endpoint-limiter.ts';

export interface QueueWorkerOptions {
  location: QueueLocation;
  /** The worker's own connection: run inputs and the rate-limit windows are read through it. */
  connection: Redis;
  /** Jobs this process runs at once. */
  concurrency: number;
  clock: BatchClock;
  /** The domain a run names (the CLI's registry of domains). */
  domainByName: (name: string) => Domain;
  /** Keys come from the worker's own environment, by the variable name in the run's redacted config. */
  apiKeyOf: (variable: string) => string | undefined;
  /**
   * The worker's own endpoints (`interplay worker --config`): for a model a run names, the endpoint of
   * this worker's configuration of that model (base URL, key variable, timeout, retries) replaces the
   * run's; the run's sampling settings stay. Models the run does not name are ignored.
   */
  ownModels?: BatchModelConfigs;
  transport?: ChatTransport;
  /** How often BullMQ checks for jobs whose worker died (BullMQ's default 30 s); lower in tests. */
  stalledIntervalMs?: number;
  /** How long a job's lock lasts without renewal (BullMQ's default 30 s); lower in tests. */
  lockDurationMs?: number;
  /** The rate-limit window (60 s; shorter only in tests). */
  rateWindowMs?: number;
  /** Forward each rollout event to the coordinator's live view (on by default). */
  forwardEvents?: boolean;
  /** A job this worker could not run (a harness failure): one line for the worker's log. */
  onJobError?: (jobId: string, message: string) => void;
  /** A job whose result is stored in Redis (its coordinator may take it from now on). */
  onJobCompleted?: (jobId: string) => void;
}

export interface QueueWorker {
  /** Jobs finished by this worker (a result returned). */
  readonly done: number;
  /** Stops taking jobs and waits for the running ones to finish (their results are stored as usual). */
  close(): Promise<void>;
  /** Stops at once: running jobs are left to BullMQ's stalled-job check, which hands them to another worker. */
  abandon(): Promise<void>;
}

/** What a worker keeps per run: fetched once from Redis, built once. */
interface RunContext {
  run: QueuedRun;
  domain: Domain;
  base: ReturnType<Domain['createBase']>;
  limiters: RedisEndpointLimiters;
}

/** Runs whose inputs a worker keeps built at once; an older run's next job fetches them again. */
const RUNS_KEPT = 8;

/** How a stalled job is retried before BullMQ fails it (a worker killed mid-job, again and again). */
const MAX_STALLED_COUNT = 10;

/**
 * `interplay worker`: takes rollout jobs of every run on the queue, runs each with the run's inputs (from
 * Redis, once per run; never the run folder) and the worker's own keys, and returns the graded trajectory
 * or the failed job as the BullMQ job's return value, which the run's coordinator records.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { location, clock } = options;
  const runs = new Map<string, Promise<RunContext>>();
  let done = 0;

  const runContext = (runKey: string): Promise<RunContext> => {
    let context = runs.get(runKey);
    if (!context) {
      context = (async () => {
        const run = await fetchQueuedRun(options.connection, location, runKey);
        const domain = options.domainByName(run.domain);
        const base = run.data === null ? domain.createBase() : domain.createBase(domain.checkData(run.data, `run ${runKey}'s data`));
        if (base.hash() !== run.baseHash) throw new Error(`run ${runKey}'s ${run.domain} data hashes to ${base.hash()} on this worker, not ${run.baseHash}: is this worker on another version of interplay?`);
        const limiters = new RedisEndpointLimiters({ redis: options.connection, prefix: `interplay:${location.name}:rate:${runKey}`, limits: run.rateLimits, clock, ...(options.rateWindowMs ? { windowMs: options.rateWindowMs } : {}) });
        return { run, domain, base, limiters };
      })();
      // A failed fetch is not kept: the next job of the run tries again.
      context.catch(() => runs.delete(runKey));
      runs.set(runKey, context);
      // A long-lived worker sees many runs: it keeps the latest few (each holds a base state).
      if (runs.size > RUNS_KEPT) runs.delete(runs.keys().next().value as string);
    }
    return context;
  };

  const process = async (bullJob: Job): Promise<QueuedResult> => {
    const parsed = queuedJobSchema.safeParse(bullJob.data);
    if (!parsed.success) throw new Error(`job ${bullJob.id} is not an interplay rollout job: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const { runKey, job } = parsed.data;
    const { run, domain, base, limiters } = await runContext(runKey);
    const ledger = new UsageLedger(run.prices);
    // Rollout events go out in batches: whatever came while the previous batch was being written goes
    // next, in one write. A fast rollout so costs a few Redis writes, not one per event.
    let forwarding: Promise<unknown> = Promise.resolve();
    let pending: RolloutEvent[] = [];
    const onEvent = (event: RolloutEvent) => {
      if (options.forwardEvents === false) return;
      pending.push(event);
      if (pending.length > 1) return;
      forwarding = forwarding
        .then(() => {
          const progress: QueuedProgress = { events: pending };
          pending = [];
          return bullJob.updateProgress(progress as unknown as object);
        })
        .catch(() => undefined);
    };
    const failed = (failedJob: FailedJob): QueuedResult => ({ schemaVersion: QUEUED_RUN_SCHEMA_VERSION, kind: 'failed', failedJob: { ...failedJob, usage: failedJob.usage }, usage: ledger.lines() });
    try {
      const { execute } = composeBatch({ domain, base, settings: run.settings, models: withOwnEndpoints(runModelConfigs(run.settings), options.ownModels), limiters, clock, ledger, apiKeyOf: options.apiKeyOf, ...(options.transport ? { transport: options.transport } : {}) });
      const trajectory = await execute(job as RolloutJob, { signal: new AbortController().signal, onEvent });
      await forwarding;
      return { schemaVersion: QUEUED_RUN_SCHEMA_VERSION, kind: 'trajectory', trajectory, usage: ledger.lines() };
    } catch (error) {
      await forwarding;
      if (error instanceof FailedJobError) return failed(error.failedJob);
      // This worker cannot call the run's model: a failed job about the world (the run goes on, a resume retries it).
      if (error instanceof MissingApiKeyError) return failed({ termination: { reason: 'infrastructure-error', detail: `a worker could not run the job: ${error.message} in its environment` }, model: error.model, usage: {} });
      throw error;
    } finally {
      done += 1;
    }
  };

  const worker = new Worker(location.name, process, {
    connection: bullConnection(location),
    concurrency: Math.max(1, Math.floor(options.concurrency)),
    maxStalledCount: MAX_STALLED_COUNT,
    ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
    ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
  });
  worker.on('error', () => undefined);
  worker.on('completed', (job) => {
    if (job.id) options.onJobCompleted?.(job.id);
  });
  worker.on('failed', (job, error) => {
    if (job?.id) options.onJobError?.(job.id, error.message);
  });
  await worker.waitUntilReady();
  return {
    get done() {
      return done;
    },
    close: () => worker.close(),
    abandon: () => worker.close(true),
  };
}

/** A run's models with this worker's endpoints for the models it configures itself (see `ownModels`). */
export function withOwnEndpoints(models: BatchModelConfigs, own: BatchModelConfigs | undefined): BatchModelConfigs {
  if (!own) return models;
  const byModel = new Map([...Object.values(own.roles), ...own.reviewers].map((config) => [config.model, config]));
  const endpoint = (config: ModelConfig): ModelConfig => {
    const mine = byModel.get(config.model);
    if (!mine) return config;
    const { apiKeyEnv: _runKeyVariable, ...sampling } = config;
    return { ...sampling, baseURL: mine.baseURL, timeoutMs: mine.timeoutMs, maxRetries: mine.maxRetries, ...(mine.apiKeyEnv ? { apiKeyEnv: mine.apiKeyEnv } : {}) };
  };
  return { roles: Object.fromEntries(Object.entries(models.roles).map(([role, config]) => [role, endpoint(config)])), reviewers: models.reviewers.map(endpoint) };
}
