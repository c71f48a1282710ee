import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import { EndpointLimiters } from '../src/batch/endpoint-limiter.ts';
import { createInProcessJobRunner } from '../src/batch/in-process-job-runner.ts';
import { ModelStack } from '../src/batch/model-stack.ts';
import { createRolloutExecutor } from '../src/batch/rollout-job-executor.ts';
import { planJobs } from '../src/batch/rollout-job.ts';
import { runPipeline } from '../src/batch/run-pipeline.ts';
import { TrajectoryTally } from '../src/batch/trajectory-tally.ts';
import { UsageLedger } from '../src/batch/usage-ledger.ts';
import { readBlueprintFile } from '../src/blueprints/blueprint-files.ts';
import { createNodeHttpTransport, createOpenAIChatModel, parseModelConfig, type ChatTransport } from '../src/models/index.ts';
import { createModelHuman } from '../src/rollout/model-human.ts';
import { formatTargetLine, type BenchFigure } from './bench-report.ts';
import type { ReplyLength } from './scripted-support-conversation.ts';
import { CALLS_PER_ROLLOUT } from './scripted-support-conversation.ts';

/**
 * The fixed model latency the target is measured at: 1 s a call, the order of a hosted model's reply.
 * At 100 ms (also printed) concurrency 256 asks for 2,560 calls a second, which is more than one core
 * can drive through the SDK and HTTP at the measured CPU cost per call: that figure shows the ceiling.
 */
const LATENCY_MS = 1000;
const FAST_LATENCY_MS = 100;

/** Starts the scripted loopback server in its own process (as a model server would be) and returns its URL. */
export async function startServer(latencyMs = LATENCY_MS, replies: ReplyLength = 'chat'): Promise<{ baseURL: string; stop: () => void }> {
  const entry = fileURLToPath(new URL('./loopback-model-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, String(latencyMs), replies], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { baseURL, stop: () => void child.kill() };
}

/** One batch against the server: rollouts per wall second and the mean rollout duration. */
export async function modelBatch(baseURL: string, concurrency: number, rollouts: number, transport: ChatTransport | undefined) {
  const domain = getDomain('retail');
  const base = domain.createBase();
  base.hash();
  const blueprint = readBlueprintFile(fileURLToPath(new URL('../blueprints/retail/retail-cancel-pending-order.json', import.meta.url)));
  const clock = { now: () => Math.floor(performance.timeOrigin + performance.now()), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  const ledger = new UsageLedger({});
  const stack = new ModelStack({ ledger, limiters: new EndpointLimiters({}, clock), clock, createModel: (config) => createOpenAIChatModel(config, transport ? { transport } : {}) });
  const agent = stack.role('agent', parseModelConfig({ baseURL, model: 'bench-agent' }, 'bench'));
  const human = stack.role('human', parseModelConfig({ baseURL, model: 'bench-human' }, 'bench'));
  const tally = new TrajectoryTally();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await runPipeline({
    blueprints: [blueprint],
    validated: { verdicts: [], accepted: [blueprint] },
    validate: async () => {
      throw new Error('not validating');
    },
    validationConcurrency: 1,
    plan: (accepted) => planJobs(accepted, rollouts, 1),
    alreadyDone: new Set(),
    runner: createInProcessJobRunner({
      concurrency,
      execute: createRolloutExecutor({ domain, base, roles: () => ({ agent: agent.model, human: createModelHuman(human.model, { instruction: blueprint.instruction }) }), clock: () => new Date(clock.now()) }),
    }),
    record: async () => undefined,
    tally,
    clock,
    progressIntervalMs: 60_000,
    emit: () => undefined,
  });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const summary = tally.summary();
  const calls = Object.values(summary.tokens).reduce((total, usage) => total + (usage?.calls ?? 0), 0) / summary.trajectories;
  if (calls !== CALLS_PER_ROLLOUT) throw new Error(`expected ${CALLS_PER_ROLLOUT} model calls per rollout, got ${calls}`);
  return { perSecond: (rollouts * 1000) / wallMs, meanDurationMs: summary.meanDurationMs, cpuPerCallMs: (used.user + used.system) / 1000 / (rollouts * CALLS_PER_ROLLOUT) };
}

/**
 * Harness overhead against a model server with a fixed latency (1 s a call, its own process): the
 * rollouts per second the pipeline achieves vs the ideal concurrency / (calls per rollout x latency),
 * and the harness's share of a rollout's time (1 - model time / rollout time). 6 x concurrency rollouts
 * per level (6 at least): every lane's first call leaves in the same instant, a burst a real batch pays
 * once, so each lane runs several rollouts as in a long batch; ramp-up and drain are still counted.
 */
export async function harnessOverhead(): Promise<Array<BenchFigure | string>> {
  const server = await startServer();
  const figures: Array<BenchFigure | string> = [];
  let atTarget: { achieved: number; ideal: number } | undefined;
  try {
    const transport = createNodeHttpTransport();
    await modelBatch(server.baseURL, 16, 32, transport);
    let cpuPerCallMs = 0;
    for (const concurrency of [1, 16, 64, 256, 512]) {
      const ideal = concurrency / ((CALLS_PER_ROLLOUT * LATENCY_MS) / 1000);
      const result = await modelBatch(server.baseURL, concurrency, Math.max(6, 6 * concurrency), transport);
      if (concurrency === 64) cpuPerCallMs = result.cpuPerCallMs;
      if (concurrency === 256) atTarget = { achieved: result.perSecond, ideal };
      figures.push({
        name: `achieved / ideal rollouts per second at concurrency ${concurrency} (${LATENCY_MS} ms a call)`,
        value: (100 * result.perSecond) / ideal,
        unit: '%',
        ...(concurrency === 256 ? { target: { comparison: '>=' as const, value: 95 } } : {}),
        note: `${result.perSecond.toFixed(1)} of ${ideal.toFixed(1)}/s; harness share of a rollout ${((100 * (result.meanDurationMs - CALLS_PER_ROLLOUT * LATENCY_MS)) / result.meanDurationMs).toFixed(1)}%`,
      });
    }
    figures.push({
      name: 'harness CPU per model call (HTTP + rollout engine, at 64)',
      value: cpuPerCallMs,
      unit: 'ms',
      note: `so one core drives at most ~${Math.round(1000 / cpuPerCallMs)} calls/s: concurrency x (1 / latency) must stay under it`,
    });
    const viaGlobalFetch = await modelBatch(server.baseURL, 256, 512, undefined);
    figures.push({
      name: "the same at 256 through the SDK and its default fetch (undici)",
      value: (100 * viaGlobalFetch.perSecond) / (256 / ((CALLS_PER_ROLLOUT * LATENCY_MS) / 1000)),
      unit: '%',
      note: `${viaGlobalFetch.cpuPerCallMs.toFixed(2)} ms CPU per call`,
    });
  } finally {
    server.stop();
  }
  const fast = await startServer(FAST_LATENCY_MS);
  try {
    const transport = createNodeHttpTransport();
    for (const concurrency of [16, 256]) {
      const ideal = concurrency / ((CALLS_PER_ROLLOUT * FAST_LATENCY_MS) / 1000);
      const result = await modelBatch(fast.baseURL, concurrency, 4 * concurrency, transport);
      figures.push({
        name: `achieved / ideal at concurrency ${concurrency}, ${FAST_LATENCY_MS} ms a call (CPU-bound check)`,
        value: (100 * result.perSecond) / ideal,
        unit: '%',
        note: `${result.perSecond.toFixed(1)} of ${ideal.toFixed(1)}/s needs ${Math.round(ideal * CALLS_PER_ROLLOUT)} calls/s at ${result.cpuPerCallMs.toFixed(2)} ms CPU each`,
      });
    }
  } finally {
    fast.stop();
  }
  if (atTarget) {
    figures.push(
      formatTargetLine({
        target: `throughput at concurrency 256, ${LATENCY_MS} ms a call`,
        figure: { name: 'achieved', value: atTarget.achieved, unit: 'rollouts/s' },
        reference: { name: 'the ideal (concurrency / the latency of a rollout\'s calls)', value: atTarget.ideal, unit: 'rollouts/s' },
        limit: { comparison: '>=', value: 0.95 },
      }),
    );
  }
  return figures;
}
