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
import type { ChatModel } from '../src/models/index.ts';
import type { HumanRole } from '../src/rollout/human-role.ts';
import type { BenchFigure } from './bench-report.ts';

const collectGarbage = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  gc();
  gc();
};

const MiB = 1024 * 1024;
const TURN_DELAY_MS = 40;

const slowAgent = (agent: ChatModel): ChatModel => ({ id: agent.id, complete: async (request) => (await sleep(TURN_DELAY_MS), agent.complete(request)) });
const slowHuman = (human: HumanRole): HumanRole => ({ id: human.id, reply: async (input) => (await sleep(TURN_DELAY_MS), human.reply(input)) });

/**
 * Peak memory with 1,000 airline rollouts live at once: offline policies that wait 40 ms before every
 * turn, so every rollout is in flight together, each with its own copy-on-write state and conversation.
 */
export async function rolloutMemory(live = 1000): Promise<BenchFigure[]> {
  const domain = getDomain('airline');
  const base = domain.createBase();
  base.hash();
  const blueprints = readBlueprints([fileURLToPath(new URL('../blueprints/airline', import.meta.url))]);
  const jobs = planJobs(blueprints, Math.ceil(live / blueprints.length), 1).slice(0, live);
  collectGarbage();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let running = 0;
  let peakRunning = 0;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  const tally = new TrajectoryTally();
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
          roles: (job) => {
            const { human, agent } = offlineRoles(domain, job, 'fallible');
            return { human: slowHuman(human), agent: slowAgent(agent) };
          },
          clock: () => new Date(0),
        }),
      }),
      record: async () => undefined,
      tally,
      clock: { now: () => 0, sleep: async () => undefined },
      progressIntervalMs: 60_000,
      emit: (event: BatchEvent) => {
        if (event.type === 'job-start') peakRunning = Math.max(peakRunning, ++running);
        if (event.type === 'job-end') running--;
      },
    });
  } finally {
    clearInterval(sampler);
  }
  return [
    { name: `rollouts live at once (airline, offline, ${TURN_DELAY_MS} ms per turn)`, value: peakRunning, unit: 'rollouts', target: { comparison: '>=', value: live } },
    { name: 'peak RSS', value: peakRss / MiB, unit: 'MiB', note: `${(baseline.rss / MiB).toFixed(0)} MiB before` },
    { name: 'peak heap used', value: peakHeap / MiB, unit: 'MiB', note: `${(baseline.heapUsed / MiB).toFixed(0)} MiB before` },
    { name: 'heap per live rollout (peak - before) / live', value: (peakHeap - baseline.heapUsed) / live / 1024, unit: 'KiB', target: { comparison: '<', value: 256 } },
  ];
}
