import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import { createInProcessJobRunner } from '../src/batch/in-process-job-runner.ts';
import { offlineRoles } from '../src/batch/offline-roles.ts';
import { createRolloutExecutor } from '../src/batch/rollout-job-executor.ts';
import { planJobs } from '../src/batch/rollout-job.ts';
import { runPipeline } from '../src/batch/run-pipeline.ts';
import { TrajectoryTally } from '../src/batch/trajectory-tally.ts';
import { createBlueprintValidator } from '../src/batch/validate-blueprints.ts';
import { readBlueprints } from '../src/blueprints/blueprint-files.ts';
import { formatTargetLine, median, type BenchFigure } from './bench-report.ts';

/** Offline rollouts per CPU-second the pipeline must sustain on one core. */
const THROUGHPUT_FLOOR = 1000;

const retailBlueprints = fileURLToPath(new URL('../blueprints/retail', import.meta.url));

/** One batch of offline rollouts through the whole pipeline (validation, lanes, rollouts, grading, events). */
async function offlineBatch(rollouts: number, concurrency: number): Promise<{ cpuMs: number; wallMs: number; kept: number }> {
  const domain = getDomain('retail');
  const base = domain.createBase();
  base.hash();
  const blueprints = readBlueprints([retailBlueprints]);
  const trials = Math.ceil(rollouts / blueprints.length);
  const tally = new TrajectoryTally();
  const clock = { now: () => Math.floor(performance.timeOrigin + performance.now()), sleep: async () => undefined };
  let events = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await runPipeline({
    blueprints,
    validate: createBlueprintValidator({ domain, base }),
    validationConcurrency: concurrency,
    plan: (accepted) => planJobs(accepted, trials, 1),
    alreadyDone: new Set(),
    runner: createInProcessJobRunner({ concurrency, execute: createRolloutExecutor({ domain, base, roles: (job) => offlineRoles(domain, job, 'fallible'), clock: () => new Date(clock.now()) }) }),
    record: async () => undefined,
    tally,
    clock,
    progressIntervalMs: 2000,
    emit: () => void events++,
  });
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start, kept: tally.kept };
}

/**
 * Rollouts per second of the pipeline on one core: offline policies (scripted human, fallible agent) on
 * the shipped retail blueprints, everything a rollout costs — the machines, the tools, grading, events —
 * without a store. The process runs its JavaScript on one thread; the CPU-time rate also counts V8's
 * helper threads (parallel GC), so it is what one core would sustain, and a busy machine does not lower
 * it as much as the wall-clock rate. The median of 5 rounds after a warm-up round.
 */
export async function batchThroughput(): Promise<Array<BenchFigure | string>> {
  const rollouts = 3000;
  await offlineBatch(rollouts, 16);
  const rounds = [];
  for (let round = 0; round < 5; round++) rounds.push(await offlineBatch(rollouts, 16));
  const perCpuSecond = median(rounds.map((round) => (rollouts * 1000) / round.cpuMs));
  const perSecond = median(rounds.map((round) => (rollouts * 1000) / round.wallMs));
  return [
    { name: `offline retail rollouts per CPU-second (pipeline, ${rollouts} a round, 16 at once)`, value: perCpuSecond, unit: 'rollouts/s' },
    { name: 'the same, per wall-clock second', value: perSecond, unit: 'rollouts/s' },
    formatTargetLine({
      target: 'offline throughput on one core',
      figure: { name: 'rollouts per CPU-second', value: perCpuSecond, unit: '/s' },
      reference: { name: 'the floor', value: THROUGHPUT_FLOOR, unit: '/s' },
      limit: { comparison: '>=', value: 1 },
    }),
  ];
}
