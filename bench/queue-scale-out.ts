import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { getDomain } from '../domains/index.ts';
import type { BatchClock } from '../src/batch/batch-clock.ts';
import type { GenerateSettings } from '../src/batch/generate-settings.ts';
import { createInProcessJobRunner } from '../src/batch/in-process-job-runner.ts';
import type { JobRunner } from '../src/batch/job-runner.ts';
import { offlineRoles } from '../src/batch/offline-roles.ts';
import { parseQueueUrl, type QueueLocation } from '../src/batch/queue/queue-connection.ts';
import { createQueueJobRunner } from '../src/batch/queue/queue-job-runner.ts';
import { QUEUED_RUN_SCHEMA_VERSION, queueRunKey, storeQueuedRun } from '../src/batch/queue/queued-run.ts';
import { createRolloutExecutor } from '../src/batch/rollout-job-executor.ts';
import { planJobs } from '../src/batch/rollout-job.ts';
import { runPipeline } from '../src/batch/run-pipeline.ts';
import { TrajectoryTally } from '../src/batch/trajectory-tally.ts';
import { readBlueprintFile } from '../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../src/blueprints/blueprint.ts';
import { createModelHuman } from '../src/rollout/model-human.ts';
import { createNodeHttpTransport, createOpenAIChatModel, parseModelConfig } from '../src/models/index.ts';
import { testRedis, hasRedis } from '../test/support/redis-server.ts';
import { formatFigure, formatTargetLine, median, type BenchFigure } from './bench-report.ts';
import { startServer } from './harness-overhead.ts';

/** Jobs each worker runs at once, and the model latency of the latency-bound half (a hosted model's order, as in harness-overhead). */
const WORKER_CONCURRENCY = 8;
const LATENCY_MS = 1000;
const ROUNDS = 3;
const WORKER_COUNTS = [1, 2, 4] as const;
/** 4 workers at 75% of a perfect 4x: the queue must not eat the gain of adding workers. */
const SPEED_UP_LIMIT = 3;

const mainModule = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const blueprint = readBlueprintFile(fileURLToPath(new URL('../blueprints/retail/retail-cancel-pending-order.json', import.meta.url)));
const clock: BatchClock = {
  now: () => Math.floor(performance.timeOrigin + performance.now()),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  }),
};

/** `interplay worker` processes on the queue, resolved once each says it is taking jobs. */
async function startWorkers(location: QueueLocation, count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', mainModule, 'worker', '--queue', location.url, '--queue-name', location.name, '--concurrency', String(WORKER_CONCURRENCY)], { stdio: ['ignore', 'pipe', 'inherit'] });
      return new Promise<ChildProcess>((resolve, reject) => {
        child.once('error', reject);
        child.stdout?.once('data', () => resolve(child));
      });
    }),
  );
}

const stopWorkers = async (workers: ChildProcess[]) => {
  await Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill('SIGKILL');
  })));
};

/** Seconds per job of one batch through the pipeline on `runner`. */
async function batchSeconds(runner: JobRunner, jobs: number, blueprints: Blueprint[]): Promise<number> {
  const tally = new TrajectoryTally();
  const start = performance.now();
  // Phase 2 only: the blueprints count as validated, so the validator is never called.
  const notValidating = () => Promise.reject(new Error('not validating'));
  await runPipeline({
    blueprints,
    validated: { verdicts: [], accepted: blueprints },
    validate: notValidating,
    validationConcurrency: 1,
    alreadyDone: new Set(),
    plan: (accepted) => planJobs(accepted, Math.ceil(jobs / accepted.length), 1),
    runner,
    record: async () => undefined,
    tally,
    clock,
    progressIntervalMs: 60_000,
    emit: () => undefined,
  });
  if (tally.count !== jobs) throw new Error(`expected ${jobs} trajectories, got ${tally.count}`);
  return (performance.now() - start) / 1000 / jobs;
}

let runs = 0;

/** A queue runner for a fresh run of the given settings (its inputs stored for the workers). */
async function queueRunner(location: QueueLocation, connection: Redis, settings: GenerateSettings, capacity: number): Promise<JobRunner> {
  const runKey = queueRunKey({ host: 'bench', folder: `bench-${process.pid}`, runId: String(++runs), createdAt: new Date(clock.now()).toISOString() });
  const domain = getDomain('retail');
  await storeQueuedRun(connection, location, { schemaVersion: QUEUED_RUN_SCHEMA_VERSION, runKey, domain: 'retail', data: null, baseHash: domain.createBase().hash(), settings, rateLimits: {}, prices: {} });
  return createQueueJobRunner({ location, connection, runKey, capacity, clock, sweepIntervalMs: 60_000 });
}

/** The median seconds per job over the rounds with 1, 2 and 4 worker processes, and in this process. */
async function measure(location: QueueLocation, connection: Redis, settings: GenerateSettings, jobsPerWorker: number, inProcess: () => JobRunner) {
  const perJob = new Map<number, number>();
  for (const count of WORKER_COUNTS) {
    const workers = await startWorkers(location, count);
    try {
      const jobs = jobsPerWorker * count;
      await batchSeconds(await queueRunner(location, connection, settings, WORKER_CONCURRENCY * count), WORKER_CONCURRENCY * count, [blueprint]);
      const rounds: number[] = [];
      for (let round = 0; round < ROUNDS; round++) rounds.push(await batchSeconds(await queueRunner(location, connection, settings, WORKER_CONCURRENCY * count), jobs, [blueprint]));
      perJob.set(count, median(rounds));
    } finally {
      await stopWorkers(workers);
    }
  }
  const local: number[] = [];
  for (let round = 0; round < ROUNDS; round++) local.push(await batchSeconds(inProcess(), jobsPerWorker, [blueprint]));
  return { perJob, inProcess: median(local) };
}

const settingsOf = (roles: GenerateSettings['roles'], offline: boolean): GenerateSettings => ({ command: 'generate', trials: 1, limits: { maxMessages: 30, maxErrors: 3 }, offline, fallible: offline, roles, reviewers: [] });

/**
 * Scale-out on BullMQ: rollouts through `generate --queue`'s runner with 1, 2 and 4 `interplay worker`
 * processes on one Redis (its own redis-server), offline (CPU-bound: on a small machine the workers share
 * its cores) and against the loopback model server at a fixed latency (latency-bound: what workers on
 * other machines add). Each figure is the median of 3 rounds; the queue's overhead per job is 1 worker
 * against the in-process runner at the same concurrency.
 */
export async function queueScaleOut(): Promise<BenchFigure[]> {
  const redis = await testRedis();
  if (!hasRedis(redis)) {
    console.log(`  skipped: ${redis.skip}`);
    return [];
  }
  const location = parseQueueUrl(redis.url, `bench-${process.pid}`);
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const domain = getDomain('retail');
  const base = domain.createBase();
  const figures: BenchFigure[] = [];
  let target = '';
  try {
    const offline = await measure(location, connection, settingsOf({}, true), 200, () =>
      createInProcessJobRunner({ concurrency: WORKER_CONCURRENCY, execute: createRolloutExecutor({ domain, base, roles: (job) => offlineRoles(domain, job, 'fallible'), clock: () => new Date(clock.now()) }) }),
    );
    const server = await startServer(LATENCY_MS);
    let latencyBound: Awaited<ReturnType<typeof measure>>;
    try {
      const agent = parseModelConfig({ baseURL: server.baseURL, model: 'bench-agent' }, 'bench');
      const human = parseModelConfig({ baseURL: server.baseURL, model: 'bench-human' }, 'bench');
      const transport = createNodeHttpTransport();
      latencyBound = await measure(location, connection, settingsOf({ agent, human }, false), 2 * WORKER_CONCURRENCY, () =>
        createInProcessJobRunner({
          concurrency: WORKER_CONCURRENCY,
          execute: createRolloutExecutor({ domain, base, roles: () => ({ agent: createOpenAIChatModel({ ...agent, maxRetries: 0 }, { transport }), human: createModelHuman(createOpenAIChatModel({ ...human, maxRetries: 0 }, { transport }), { instruction: blueprint.instruction }) }), clock: () => new Date(clock.now()) }),
        }),
      );
    } finally {
      server.stop();
    }
    for (const [label, result] of [
      ['offline', offline],
      [`${LATENCY_MS} ms a model call`, latencyBound],
    ] as const) {
      const one = result.perJob.get(1) as number;
      for (const count of WORKER_COUNTS) {
        const seconds = result.perJob.get(count) as number;
        figures.push({ name: `${label}: jobs per second, ${count} worker(s) x ${WORKER_CONCURRENCY}`, value: 1 / seconds, unit: 'jobs/s', note: `speed-up ${(one / seconds).toFixed(2)}x, ${((one / seconds / count) * 100).toFixed(0)}% per worker` });
      }
      figures.push({ name: `${label}: queue overhead per job (1 worker vs in-process)`, value: (one - result.inProcess) * 1000, unit: 'ms', note: `in-process ${(1 / result.inProcess).toFixed(1)} jobs/s at concurrency ${WORKER_CONCURRENCY}` });
    }
    const one = latencyBound.perJob.get(1) as number;
    const four = latencyBound.perJob.get(4) as number;
    target = formatTargetLine({
      target: 'queue scale-out',
      figure: { name: `4 workers at ${LATENCY_MS} ms a call`, value: 1 / four, unit: 'jobs/s' },
      reference: { name: '1 worker', value: 1 / one, unit: 'jobs/s' },
      limit: { comparison: '>=', value: SPEED_UP_LIMIT },
    });
  } finally {
    connection.disconnect();
    await redis.stop();
  }
  // The figures, then the section's TARGET line last (bench/run.ts prints what is returned, after this).
  for (const figure of figures) console.log(formatFigure(figure));
  console.log(target);
  return [];
}
