import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import type { BatchEvent } from '../src/batch/batch-events.ts';
import { createInProcessJobRunner } from '../src/batch/in-process-job-runner.ts';
import { offlineRoles } from '../src/batch/offline-roles.ts';
import { createRolloutExecutor } from '../src/batch/rollout-job-executor.ts';
import { planJobs } from '../src/batch/rollout-job.ts';
import { runPipeline } from '../src/batch/run-pipeline.ts';
import { TrajectoryTally } from '../src/batch/trajectory-tally.ts';
import { readBlueprints } from '../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../src/blueprints/blueprint.ts';
import type { BaseState, Domain } from '../src/domain-kit/index.ts';
import type { ChatModel } from '../src/models/index.ts';
import { formatTargetLine, median, type BenchFigure } from './bench-report.ts';

const collectGarbage = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  gc();
  gc();
};

const KiB = 1024;
const MiB = 1024 * 1024;
const TURN_DELAY_MS = 40;
/** How often a round collects garbage and weighs the heap while every lane is running a rollout. */
const SAMPLE_EVERY_MS = 250;
/** The limit on the heap a live rollout holds. */
const LIMIT_KIB = 64;

/** A policy served like a model that takes TURN_DELAY_MS to answer: the request stays held meanwhile. */
const slowModel = (policy: ChatModel): ChatModel => ({ id: policy.id, complete: async (request) => (await sleep(TURN_DELAY_MS), policy.complete(request)) });

interface Airline {
  domain: Domain;
  base: BaseState;
  blueprints: Blueprint[];
}

interface RoundResult {
  peakRunning: number;
  /** Heap held per live rollout at each sample (after a full collection, minus the heap before the round). */
  perRollout: number[];
  peakRss: number;
  /** Peak of heapUsed sampled every 10 ms without forcing collections (only in a round that does not collect). */
  peakHeapUsed: number;
  baselineHeap: number;
}

/**
 * One batch at concurrency `live` with twice as many jobs, so every lane picks up a new rollout as soon as
 * its last one ends and `live` rollouts are in flight, at every stage of their conversations, until the
 * queue drains. With `weigh`, every SAMPLE_EVERY_MS while all `live` run: two full collections, then
 * (heap used - heap before the batch) / live.
 */
async function round(airline: Airline, live: number, weigh: boolean): Promise<RoundResult> {
  const { domain, base, blueprints } = airline;
  const jobs = planJobs(blueprints, Math.ceil((2 * live) / blueprints.length), 1).slice(0, 2 * live);
  collectGarbage();
  const baseline = process.memoryUsage();
  let running = 0;
  const result: RoundResult = { peakRunning: 0, perRollout: [], peakRss: baseline.rss, peakHeapUsed: baseline.heapUsed, baselineHeap: baseline.heapUsed };
  const peaks = setInterval(() => {
    const now = process.memoryUsage();
    result.peakRss = Math.max(result.peakRss, now.rss);
    result.peakHeapUsed = Math.max(result.peakHeapUsed, now.heapUsed);
  }, 10);
  const weigher = weigh
    ? setInterval(() => {
        if (running !== live) return;
        collectGarbage();
        result.perRollout.push((process.memoryUsage().heapUsed - baseline.heapUsed) / live);
      }, SAMPLE_EVERY_MS)
    : undefined;
  try {
    await runPipeline({
      blueprints,
      validated: { verdicts: [], accepted: blueprints },
      validate: async () => {
        throw new Error('not validating');
      },
      validationConcurrency: 1,
      plan: () => jobs,
      alreadyDone: new Set(),
      runner: createInProcessJobRunner({
        concurrency: live,
        execute: createRolloutExecutor({
          domain,
          base,
          roles: (job) => offlineRoles(domain, job, 'fallible', slowModel),
          clock: () => new Date(0),
        }),
      }),
      record: async () => undefined,
      tally: new TrajectoryTally(),
      clock: { now: () => 0, sleep: async () => undefined },
      progressIntervalMs: 60_000,
      emit: (event: BatchEvent) => {
        if (event.type === 'job-start') result.peakRunning = Math.max(result.peakRunning, ++running);
        if (event.type === 'job-end' || event.type === 'job-failed') running--;
      },
    });
  } finally {
    clearInterval(peaks);
    clearInterval(weigher);
  }
  return result;
}

const tauBenchAirline = fileURLToPath(new URL('../../shared/peers/tau-bench/tau-bench/airline/', import.meta.url));

// What a tau-bench environment holds that a rollout here shares: its own copy of the whole domain data,
// loaded from the JSON files on every environment (and every reset). Weighed with tracemalloc, median of 5.
const tauBenchEnvironmentScript = `
import gc, json, os, statistics, sys, tracemalloc
tracemalloc.start()
sizes = []
for _ in range(5):
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    data = {name: json.load(open(os.path.join(sys.argv[1], name + ".json"))) for name in ("flights", "reservations", "users")}
    gc.collect()
    sizes.append(tracemalloc.get_traced_memory()[0] - before)
    del data
print(statistics.median(sizes))
`;

/** tau-bench's heap per airline environment, measured now in Python; undefined without python3 or the reference data. */
function tauBenchEnvironmentBytes(): number | undefined {
  if (!existsSync(tauBenchAirline)) return undefined;
  try {
    return Number(execFileSync('python3', ['-c', tauBenchEnvironmentScript, tauBenchAirline], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

/**
 * Heap held per live rollout with 1,000 airline rollouts in flight at once: offline policies served like
 * models that take 40 ms to answer (the request each was sent held meanwhile), each rollout with its own copy-on-write state and conversation. The figure is
 * what the rollouts hold: the heap after a full collection, minus the heap before the batch, over the
 * rollouts live (median of the samples of a round, median of rounds). The heap used *between*
 * collections also counts garbage V8 has not collected yet; its peak follows V8's heap-growing
 * heuristics (it lets the heap grow to a few times what the last full collection left) more than
 * what a rollout holds, so it is shown beside the figure, from a first round that never forces a
 * collection (and warms the code up).
 */
export async function rolloutMemory(live = 1000, rounds = 3): Promise<Array<BenchFigure | string>> {
  const domain = getDomain('airline');
  const base = domain.createBase();
  base.hash();
  const airline = { domain, base, blueprints: readBlueprints([fileURLToPath(new URL('../blueprints/airline', import.meta.url))]) };
  const unforced = await round(airline, live, false);
  const weighed: RoundResult[] = [];
  for (let index = 0; index < rounds; index++) weighed.push(await round(airline, live, true));
  const perRound = weighed.map((result) => median(result.perRollout));
  const perRollout = median(perRound) / KiB;
  const tauBench = tauBenchEnvironmentBytes();
  return [
    { name: `rollouts live at once (airline, offline, ${TURN_DELAY_MS} ms per turn)`, value: Math.min(...weighed.map((result) => result.peakRunning)), unit: 'rollouts', target: { comparison: '>=', value: live } },
    { name: 'peak RSS', value: median(weighed.map((result) => result.peakRss)) / MiB, unit: 'MiB', note: `median of ${rounds} rounds` },
    {
      name: 'peak heap used, no forced collection (garbage included)',
      value: (unforced.peakHeapUsed - unforced.baselineHeap) / live / KiB,
      unit: 'KiB per rollout',
      note: `${(unforced.baselineHeap / MiB).toFixed(0)} MiB before, ${(unforced.peakHeapUsed / MiB).toFixed(0)} MiB at the peak`,
    },
    {
      name: 'heap held per live rollout (after a full collection)',
      value: perRollout,
      unit: 'KiB',
      note: `median of ${rounds} rounds: ${perRound.map((value) => (value / KiB).toFixed(1)).join(', ')} KiB; ${weighed.map((result) => result.perRollout.length).join('+')} samples`,
    },
    tauBench === undefined
      ? { name: 'tau-bench airline environment: not measured (needs python3 and ../shared/peers/tau-bench)', value: 0, unit: 'MiB' }
      : {
          name: 'tau-bench heap per airline environment (its own data, Python)',
          value: tauBench / MiB,
          unit: 'MiB',
          note: `a live rollout here holds 1/${(tauBench / (perRollout * KiB)).toFixed(0)} of it`,
        },
    formatTargetLine({
      target: 'memory per live rollout at 1,000 concurrent',
      figure: { name: 'heap held per live rollout', value: perRollout, unit: 'KiB' },
      reference: { name: 'the limit', value: LIMIT_KIB, unit: 'KiB' },
      limit: { comparison: '<=', value: 1 },
    }),
  ];
}
