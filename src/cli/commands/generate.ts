import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import type { QueueLocation } from '../../batch/queue/queue-connection.ts';
import { QUEUED_RUN_SCHEMA_VERSION, queueRunKey, storeQueuedRun } from '../../batch/queue/queued-run.ts';
import type { BatchClock } from '../../batch/batch-clock.ts';
import { composeBatch, missingApiKey, runModelConfigs as configuredRoles } from '../../batch/batch-composition.ts';
import type { BatchEvent, BatchEventListener } from '../../batch/batch-events.ts';
import { buildBatchReport, readBatchReport, type BatchReport } from '../../batch/batch-report.ts';
import { EndpointLimiters } from '../../batch/endpoint-limiter.ts';
import { BatchEventLog, EVENT_LOG_FILE } from '../../batch/event-log.ts';
import { formatBatchReport, formatProgress, notValidatedLine } from '../../batch/format-batch-report.ts';
import { createInProcessJobRunner } from '../../batch/in-process-job-runner.ts';
import { generateSettingsSchema, type GenerateSettings } from '../../batch/generate-settings.ts';
import { defaultModelPrices, mergePrices, priceTableSchema, type PriceTable } from '../../batch/model-prices.ts';
import type { PhaseOneResult } from '../../batch/pipeline-machine.ts';
import { ResponseCache } from '../../batch/response-cache.ts';
import { planJobs } from '../../batch/rollout-job.ts';
import { runPipeline } from '../../batch/run-pipeline.ts';
import { gateBlueprint, judgeRequiredRefusal } from '../../rollout/grading/blueprint-gate.ts';
import { TrajectoryTally } from '../../batch/trajectory-tally.ts';
import { UsageLedger } from '../../batch/usage-ledger.ts';
import { createBlueprintValidator, isAcceptedVerdict } from '../../batch/validate-blueprints.ts';
import { ValidationUnfinishedError } from '../../blueprints/validation-unfinished-error.ts';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { RunSummary } from '../../rollout/run-summary.ts';
import { readDataFolder, type BaseState, type Domain } from '../../domain-kit/index.ts';
import { createNodeHttpTransport, redactConfig } from '../../models/index.ts';
import { addToRunCounts, emptyRunCounts, iterateUniqueTrajectories, readFailedJobs, readRunInputs, RunFolder, writeRunInputs, type RunCounts } from '../../store/index.ts';
import { storeRunRateLimits, type StoredRateLimits, type StoredRecentUse } from '../../store/run-inputs.ts';
import { blueprintReferences, resolveBlueprints, type BlueprintFlags } from '../blueprint-option.ts';
import { defaultReportFile, writeRunReport } from './report.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { committeeSettings, type CommitteeFlags } from '../committee-options.ts';
import { bestOfCount } from '../best-of-count.ts';
import { conversationLimits, failedJobsBudget, protocolNoteRole, type ConversationFlags } from '../conversation-options.ts';
import { failedJobsError } from '../failed-jobs-exit.ts';
import { UnfinishedWorkError } from '../exit-codes.ts';
import { loadDomain } from '../domain-option.ts';
import { integer, wholeNumber } from '../number-option.ts';
import { resolveModelRoles, type ModelRoles } from '../model-roles.ts';
import { outputsMatchRule } from '../outputs-match-option.ts';
import { codeVersion, timeStamp } from '../run-setup.ts';
import { systemClock } from '../system-clock.ts';
import { openQueueConnection, queueLocationOf, type QueueFlags } from '../queue-options.ts';
import { announceLockTakeover, runWriterOptions } from '../run-writer.ts';
import { endpointRejectionStop } from '../validation-stop.ts';

/** What a caller may plug into the command: the live UI, a listener, the clock, cancellation. */
export interface GenerateCommandHooks {
  /** Every BatchEvent as it happens (after it was written to the run's events.jsonl). */
  onEvent?: BatchEventListener;
  /**
   * With a terminal (`io.isTerminal`): starts the live view over the batch's events and returns what
   * stops it. By default the ink live view (src/tui/live); without a terminal, plain progress lines.
   */
  startLiveView?: (events: { subscribe(listener: BatchEventListener): () => void }) => () => Promise<void> | void;
  /** The clock the batch reads and waits with; the real one (io.now, timers) by default. */
  clock?: BatchClock;
  /** Cancels the batch: running jobs are cut short and not recorded (a resume does them again). */
  signal?: AbortSignal;
}

interface GenerateOptions extends ConversationFlags, BlueprintFlags, CommitteeFlags, QueueFlags {
  domain?: string;
  data?: string;
  trials: string;
  concurrency: string;
  rpm?: string;
  tpm?: string;
  endpointConcurrency?: string;
  out?: string;
  resume?: string;
  rerunLost?: boolean;
  maxCost?: string;
  cache: boolean;
  prices?: string;
  maxFailedJobs: string;
  breakLock?: boolean;
  [flag: string]: unknown;
}

/** Flags a resumed run may change; every other setting comes from the run itself. */
const resumableFlags = new Set(['resume', 'rerunLost', 'breakLock', 'concurrency', 'rpm', 'tpm', 'endpointConcurrency', 'maxCost', 'cache', 'prices', 'maxFailedJobs', 'queue', 'queueName']);

const PROGRESS_INTERVAL_MS = 2_000;


const positiveNumber = (flag: string, text: string, allowZero = false) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new UsageError(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${text}"`);
  return value;
};

function readPrices(file: string | undefined, cwd: string): PriceTable {
  if (!file) return defaultModelPrices;
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new UsageError(`${path}: no such price file`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = priceTableSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`${path}: a price file maps model names to {"input": <price per 1M tokens>, "output": <price per 1M tokens>}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  }
  return mergePrices(parsed.data);
}

/** What a batch runs with, whether it starts now or resumes. */
interface BatchPlan {
  run: RunFolder;
  domain: Domain;
  base: BaseState;
  /** Absolute, or null for the shipped database. */
  dataFolder: string | null;
  config: GenerateSettings;
  roles: ModelRoles;
  seed: number;
  /** Phase 1's input (a fresh run) or its stored result (a resumed run that got past phase 1). */
  blueprints: Blueprint[];
  validated: PhaseOneResult | undefined;
  tally: TrajectoryTally;
  previous: BatchReport | undefined;
  notes: string[];
  /** The rate limits stored with the run ({} for a new one): a resume reuses them unless its flags override them. */
  rateLimits: StoredRateLimits;
  /** What the endpoints were sent in the last minute of the previous session: counted in this one's windows. */
  recentUse: StoredRecentUse;
}

/** Every key a role needs must be set before anything is written. */
function checkKeys(roles: ModelRoles, io: CliIo): void {
  const missing = missingApiKey(roles, (variable) => io.env[variable]);
  if (missing) throw new UsageError(missing.message);
}

async function startNewBatch(options: GenerateOptions, io: CliIo, rateLimits: StoredRateLimits): Promise<BatchPlan> {
  if (!options.domain) throw new UsageError('--domain is required (retail or airline), unless you --resume a run');
  const references = blueprintReferences(options);
  if (references.length === 0) throw new UsageError('--blueprints is required: blueprint files, folders or ids');
  const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
  const blueprints = resolveBlueprints(references, io.cwd, domain.name);
  const trials = wholeNumber('--trials', options.trials, 1, 1000);
  const seed = integer('--seed', options.seed);
  const limits = conversationLimits(options);
  const roles = resolveModelRoles(options, io);
  const named = [...Object.keys(roles.roles), ...(roles.reviewers.length > 0 ? ['reviewer'] : [])];
  if (options.offline && named.length > 0) throw new UsageError(`--offline runs no model: drop the ${named.join(', ')} model setting(s)`);
  if (!options.offline && (!roles.roles.agent || !roles.roles.human)) {
    throw new UsageError('configure the agent and human models (--agent-model and --human-model, or --config), or pass --offline');
  }
  if (options.fallible && !options.offline) throw new UsageError('--fallible only applies with --offline');
  const committee = committeeSettings(options, { reviewers: roles.reviewers.length, offline: Boolean(options.offline) });
  const bestOf = bestOfCount(options);
  if (bestOf && !roles.roles.judge) throw new UsageError('--best-of needs a judge model (--judge-model)');
  const gates = blueprints.map((blueprint) => gateBlueprint(domain, base, blueprint));
  const judgeRefusal = judgeRequiredRefusal(gates, { judge: !options.offline && roles.roles.judge !== undefined, offline: Boolean(options.offline), unvalidated: Boolean(options.unvalidated) });
  if (judgeRefusal) throw new UsageError(judgeRefusal);
  const outputsMatch = outputsMatchRule(options.outputsMatch as string | undefined);
  const config: GenerateSettings = {
    command: 'generate',
    trials,
    limits,
    protocolNotes: protocolNoteRole(options),
    offline: Boolean(options.offline),
    fallible: Boolean(options.fallible),
    ...(bestOf ? { bestOf } : {}),
    ...(outputsMatch ? { outputsMatch } : {}),
    ...committee,
    roles: Object.fromEntries(Object.entries(roles.roles).map(([role, model]) => [role, redactConfig(model)])),
    reviewers: roles.reviewers.map(redactConfig),
  };
  checkKeys(roles, io);
  if (options.out && existsSync(join(resolve(io.cwd, options.out), 'manifest.json'))) {
    throw new UsageError(`${resolve(io.cwd, options.out)} already holds a run: continue it with --resume ${options.out}, or choose another --out`);
  }
  const models = options.offline
    ? { human: 'offline:scripted-human', agent: `offline:${options.fallible ? 'fallible' : 'oracle'}-agent` }
    : { human: roles.roles.human!.model, agent: roles.roles.agent!.model, ...(roles.roles.judge ? { judge: roles.roles.judge.model } : {}) };
  const dataFolder = options.data ? resolve(io.cwd, options.data) : null;
  const folder = resolve(io.cwd, options.out ?? `traces/generate-${domain.name}-${timeStamp(io.now())}`);
  io.noteRunFolder?.(folder);
  // Under the folder's writer lock, the inputs go first with the run's identity, in one atomic file: a
  // writer killed at any point leaves a run that --resume continues, or no run at all (start it again).
  const run = await RunFolder.create(
    folder,
    { runId: basename(folder), codeVersion: codeVersion(), domain: domain.name, seed, config: { ...config }, models },
    { now: io.now },
    { inputs: { dataFolder, baseHash: base.hash(), blueprints, rateLimits }, ...runWriterOptions(io, 'generate', { breakLock: options.breakLock, canBreakLock: true }) },
  );
  announceLockTakeover(run, io);
  return { run, domain, base, dataFolder, config, roles, seed, blueprints, validated: undefined, tally: new TrajectoryTally(), previous: undefined, notes: [], rateLimits: {}, recentUse: {} };
}

async function resumeBatch(folder: string, io: CliIo, options: { rerunLost?: boolean; breakLock?: boolean }): Promise<BatchPlan> {
  const rerunLost = Boolean(options.rerunLost);
  const run = await RunFolder.open(resolve(io.cwd, folder), { now: io.now }, { allowLostLog: rerunLost, ...runWriterOptions(io, 'generate --resume', { breakLock: options.breakLock, canBreakLock: true }) });
  announceLockTakeover(run, io);
  try {
    const parsed = generateSettingsSchema.safeParse(run.manifest.config);
    if (!parsed.success) throw new UsageError(`${run.paths.folder} was not made by \`interplay generate\` (its manifest has no generate settings): it cannot be resumed`);
    const config = parsed.data;
    const inputs = await readRunInputs(run.paths.folder);
    const { domain, base } = loadDomain(run.manifest.domain, inputs.dataFolder ?? undefined, io.cwd);
    if (base.hash() !== inputs.baseHash) throw new UsageError(`the data of ${run.paths.folder} changed since the run started (hash ${base.hash()} instead of ${inputs.baseHash}): it cannot be resumed`);
    const tally = new TrajectoryTally();
    let counts: RunCounts = emptyRunCounts();
    for await (const trajectory of iterateUniqueTrajectories(run.paths.log)) {
      tally.add(trajectory);
      counts = addToRunCounts(counts, [trajectory]);
    }
    // Fewer trajectories than the manifest counted means lines were lost (the count follows each append):
    // running their jobs again would hide it.
    if (tally.count < run.manifest.counts.trajectories && !rerunLost) {
      throw new UsageError(`${run.paths.log} holds ${tally.count} trajectories, but the run's manifest counts ${run.manifest.counts.trajectories}: lines were lost; restore the file (nothing was changed), or run the lost jobs again with --rerun-lost`);
    }
    // Failed jobs (latest record per job, none with a trajectory) are not done: this session runs them again.
    for (const record of await readFailedJobs(run.paths.failedJobs)) tally.addFailedJob(record.jobId, record);
    counts = { ...counts, failedJobs: failedJobCounts(tally.summary()) };
    // The manifest may lag the log (a crash between an append and its count): the log is the truth.
    await run.updateCounts(() => counts);
    const previous = readBatchReport(run.manifest.batch);
    // Phase 1 ended in an earlier session: its accepted blueprints, and those whose validation did not
    // finish, are the run's inputs (rewritten then). When some did not finish, phase 1 runs again over
    // the inputs (approved blueprints only re-run stages 1–3); otherwise its verdicts stand.
    const verdictsBefore = previous?.validation?.verdicts;
    const acceptedBefore = new Set(verdictsBefore?.filter(isAcceptedVerdict).map((verdict) => verdict.blueprintId));
    const unfinishedBefore = verdictsBefore?.filter((verdict) => verdict.status === 'unfinished').length ?? 0;
    const validated = verdictsBefore && unfinishedBefore === 0 ? { verdicts: verdictsBefore, accepted: inputs.blueprints.filter((blueprint) => acceptedBefore.has(blueprint.id)) } : undefined;
    const notes = [
      `resuming ${run.paths.folder}: ${tally.count} trajectories already in the log${run.repairedTail ? ` (cut a torn last line of ${run.repairedTail.bytes} bytes)` : ''}${tally.failed > 0 ? `; ${tally.failed} failed job(s) to run again` : ''}`,
    ];
    if (unfinishedBefore > 0) notes.push(`phase 1 did not finish for ${unfinishedBefore} blueprint${unfinishedBefore === 1 ? '' : 's'}: validating again`);
    const roles = configuredRoles(config);
    checkKeys(roles, io);
    return { run, domain, base, dataFolder: inputs.dataFolder, config, roles, seed: run.manifest.seed, blueprints: inputs.blueprints, validated, tally, previous, notes, rateLimits: inputs.rateLimits ?? {}, recentUse: inputs.recentUse ?? {} };
  } catch (error) {
    await run.close();
    throw error;
  }
}

/** What `interplay generate` does with its parsed options (its command line is in generate-command.ts). */
export function generateAction(command: Command, io: CliIo, hooks: GenerateCommandHooks = {}) {
  return async (options: GenerateOptions) => {
    if (options.resume !== undefined) {
      if (options.out !== undefined) throw new UsageError('--out and --resume conflict: --resume continues the run in its own folder');
      const fixed = Object.keys(options).filter((key) => !resumableFlags.has(key) && command.getOptionValueSource(key) === 'cli');
      const flag = (key: string) => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
      if (fixed.length > 0) throw new UsageError(`${fixed.map(flag).join(', ')} cannot change on --resume: the run keeps the settings it started with`);
    }
    const concurrency = wholeNumber('--concurrency', options.concurrency, 1, 100_000);
    const rateLimits = {
      ...(options.rpm !== undefined ? { requestsPerMinute: positiveNumber('--rpm', options.rpm) } : {}),
      ...(options.tpm !== undefined ? { tokensPerMinute: positiveNumber('--tpm', options.tpm) } : {}),
      ...(options.endpointConcurrency !== undefined ? { concurrency: wholeNumber('--endpoint-concurrency', options.endpointConcurrency) } : {}),
    };
    const maxCost = options.maxCost !== undefined ? positiveNumber('--max-cost', options.maxCost, true) : undefined;
    const maxFailedJobs = failedJobsBudget(options);
    const prices = readPrices(options.prices, io.cwd);

    // The queue's Redis answers before anything is written.
    const queueLocation = queueLocationOf(options);
    const queueConnection = queueLocation ? await openQueueConnection(queueLocation) : undefined;
    let plan: BatchPlan;
    try {
      plan = options.resume !== undefined ? await resumeBatch(options.resume, io, options) : await startNewBatch(options, io, rateLimits);
    } catch (error) {
      queueConnection?.disconnect();
      throw error;
    }
    const { run, domain, base, config, roles } = plan;
    // The run's stored limits, each overridden by a flag given now; what is overridden is stored for the next resume.
    const limits = { ...plan.rateLimits, ...rateLimits };
    const clock = hooks.clock ?? systemClock(io);
    const limiters = new EndpointLimiters(limits, clock, plan.recentUse);
    let eventLog: BatchEventLog | undefined;
    let stopLiveView: (() => Promise<void> | void) | undefined;
    // The run's response cache (model-cache.jsonl, and the model-cache/ folder of earlier versions); closed at the end.
    const cache = options.cache ? ResponseCache.ofRun(run.paths.folder) : undefined;
    try {
      eventLog = await BatchEventLog.open(join(run.paths.folder, EVENT_LOG_FILE));
      const ledger = new UsageLedger(prices, plan.previous?.accounting.lines ?? []);
      const { validationModels, execute } = composeBatch({
        domain,
        base,
        settings: config,
        models: roles,
        limiters,
        clock,
        ledger,
        ...(cache ? { cache } : {}),
        apiKeyOf: (variable) => io.env[variable],
        transport: createNodeHttpTransport(),
      });

      let verdicts = plan.validated?.verdicts;
      const saveReport = (extra: Partial<Parameters<typeof buildBatchReport>[0]> = {}) => {
        const report = buildBatchReport({ at: io.now(), lines: ledger.lines(), ...(verdicts ? { validation: verdicts } : {}), ...extra });
        // Queued, never awaited here: a failed write aborts run.writeFailed (stopping the batch) instead of escaping.
        run.queueBatchReport(report);
        return report;
      };

      const subscribers = new Set<BatchEventListener>();
      const interrupt = new AbortController();
      const startLiveView = hooks.startLiveView ?? (io.isTerminal ? await liveViewOnTerminal(run.paths.folder, interrupt) : undefined);
      const plain = !(io.isTerminal && startLiveView);
      if (!plain && startLiveView) {
        stopLiveView = startLiveView({
          subscribe: (listener) => {
            subscribers.add(listener);
            return () => subscribers.delete(listener);
          },
        });
      }
      if (plain) for (const note of plan.notes) io.out(`${note}\n`);
      const emit = (event: BatchEvent) => {
        eventLog?.write(event);
        hooks.onEvent?.(event);
        for (const subscriber of subscribers) subscriber(event);
        if (event.type === 'progress') saveReport();
        if (!plain) return;
        if (event.type === 'phase' && event.phase === 'validation') io.out(`phase 1: validating ${plan.validated ? `(done before: ${plan.validated.verdicts.length} verdicts kept)` : `${plan.blueprints.length} blueprint(s)`}\n`);
        if (event.type === 'phase' && event.phase === 'rollouts') io.out(`phase 2: rollouts, ${config.trials} per accepted blueprint, ${concurrency} at once${queueLocation ? ` on queue ${queueLocation.name} at ${queueLocation.url}` : ''}${config.offline ? ' (OFFLINE POLICIES, no model)' : ''}\n`);
        if (event.type === 'progress') io.out(`${formatProgress(event.progress)}\n`);
      };

      const output = await runPipeline(
        {
          blueprints: plan.blueprints,
          validate: createBlueprintValidator({
            domain,
            base,
            ...(validationModels ? { models: validationModels } : {}),
            ...(config.threshold !== undefined ? { threshold: config.threshold } : {}),
            ...(config.minVoters !== undefined ? { minVoters: config.minVoters } : {}),
            ...(config.maxRounds !== undefined ? { maxRounds: config.maxRounds } : {}),
          }),
          ...(plan.validated ? { validated: plan.validated } : {}),
          onValidated: async (result) => {
            verdicts = result.verdicts;
            // The accepted (possibly revised) blueprints become the run's inputs: regrade and resume use them;
            // so do those whose validation did not finish, for a resume to validate them again.
            await writeRunInputs(run.paths.folder, { dataFolder: plan.dataFolder, baseHash: base.hash(), blueprints: [...result.accepted, ...(result.unfinished ?? [])], rateLimits: limits });
            saveReport();
            await run.flushBatchReports();
          },
          validationConcurrency: concurrency,
          plan: (accepted) => planJobs(accepted, config.trials, plan.seed),
          alreadyDone: plan.tally.ids,
          runner:
            queueLocation && queueConnection
              ? await queueRunner({ location: queueLocation, connection: queueConnection, plan, limits, prices, concurrency, clock, ledger })
              : createInProcessJobRunner({ concurrency, execute }),
          record: (trajectory) => run.record(trajectory),
          recordFailedJob: (record) => run.recordFailedJob(record),
          maxFailedJobs,
          tally: plan.tally,
          spent: () => ({ cost: ledger.cost, tokens: config.offline ? plan.tally.tokens : ledger.tokens }),
          ...(maxCost !== undefined ? { maxCost } : {}),
          clock,
          progressIntervalMs: PROGRESS_INTERVAL_MS,
          emit,
        },
        // A write to the run folder that failed stops the batch too: running jobs are cancelled, the error ends the command.
        AbortSignal.any([...(hooks.signal ? [hooks.signal] : []), interrupt.signal, run.writeFailed]),
      ).catch((error: unknown) => {
        // An endpoint that refused a validation model stops phase 1 at once, with one line.
        if (error instanceof ValidationUnfinishedError && error.endpointRejected) throw endpointRejectionStop(error, roles);
        throw error;
      });
      if (run.writeFailed.aborted) throw run.writeFailed.reason;
      const summary = plan.tally.summary();
      const report = saveReport({ summary, ...(output.stopped ? { stopped: output.stopped } : {}) });
      await run.flushBatchReports();
      // The counts name the jobs failed now: an earlier failure that this session ran again is gone.
      await run.updateCounts((counts) => ({ ...counts, failedJobs: failedJobCounts(summary) }));
      await stopLiveView?.();
      stopLiveView = undefined;
      io.out(`${formatBatchReport(report, summary)}\nrun folder: ${run.paths.folder}\n`);
      // The HTML report beside the run (see `interplay report`); a run is complete without it.
      const reportFile = defaultReportFile(run.paths.folder);
      await writeRunReport(run.paths.folder, reportFile, io).then(
        () => io.out(`report: ${reportFile}\n`),
        (error: unknown) => io.out(`report: not written (${(error as Error).message}); try \`interplay report ${run.paths.folder}\`\n`),
      );
      const failure = failedJobsError({ stopped: output.stopped, failedJobs: summary.failedJobs, roles: roles.roles, next: `then run them again with \`interplay generate --resume ${run.paths.folder}\`` });
      const notValidated = notValidatedLine(output.verdicts.filter((verdict) => verdict.status === 'unfinished'));
      if (failure) throw notValidated ? new UnfinishedWorkError(`${failure.message}\n${notValidated}`) : failure;
      if (notValidated) throw new UnfinishedWorkError(`${notValidated}; validate them again with --resume ${run.paths.folder}`);
    } finally {
      // The run folder is closed (its writer lock given back) whatever fails before.
      try {
        await stopLiveView?.();
        await run.flushBatchReports().catch(() => undefined);
        await eventLog?.close();
        await cache?.close().catch(() => undefined);
        // The limits (a resume's flags included) and the last minute's requests, for the next resume. Best effort:
        // a failure here must not hide the error that ended the session; the old inputs stay whole if it fails.
        if (Object.keys(limits).length > 0) await storeRunRateLimits(run.paths.folder, limits, limiters.recentUse()).catch(() => undefined);
      } finally {
        await run.close();
        queueConnection?.disconnect();
      }
    }
  };
}

/**
 * The queue-backed runner of a run: its inputs stored in Redis for the workers (the domain, data that is
 * not the shipped one, the settings with redacted model configs, the limits and prices; never a key),
 * then BullMQ jobs for phase 2. The run's key on the queue follows from its identity and its folder.
 */
async function queueRunner(options: { location: QueueLocation; connection: Redis; plan: BatchPlan; limits: StoredRateLimits; prices: PriceTable; concurrency: number; clock: BatchClock; ledger: UsageLedger }) {
  const { plan, connection, location } = options;
  const { run, domain, base, config } = plan;
  const runKey = queueRunKey({ host: hostname(), folder: run.paths.folder, runId: run.manifest.runId, createdAt: run.manifest.createdAt });
  const data = plan.dataFolder ? readDataFolder(plan.dataFolder, domain.collections) : null;
  await storeQueuedRun(connection, location, { schemaVersion: QUEUED_RUN_SCHEMA_VERSION, runKey, domain: domain.name, data, baseHash: base.hash(), settings: config, rateLimits: options.limits, prices: options.prices });
  // BullMQ is loaded when a run uses the queue: an in-process run starts without it.
  const { createQueueJobRunner } = await import('../../batch/queue/queue-job-runner.ts');
  return createQueueJobRunner({ location, connection, runKey, capacity: options.concurrency, clock: options.clock, onUsage: (lines) => options.ledger.add(lines) });
}

/** The failed jobs of a summary, counted by ending (the run manifest's `counts.failedJobs`). */
function failedJobCounts(summary: RunSummary): RunCounts['failedJobs'] {
  return Object.fromEntries(Object.entries(summary.failedJobs).map(([reason, group]) => [reason, group?.count ?? 0]));
}

/**
 * The live UI on the terminal; ctrl+c in it cancels the batch (resume it later). q leaves the view with a line
 * saying the run goes on and how to watch it again; at the end of the run, someone reading a conversation may
 * keep browsing until q.
 */
async function liveViewOnTerminal(folder: string, interrupt: AbortController): Promise<NonNullable<GenerateCommandHooks['startLiveView']>> {
  // ink and React load only for a live view, not for a batch whose output is a pipe.
  const { renderLiveRun } = await import('../../tui/live/render-live-run.tsx');
  return (events) => {
    const leaveNote = `left the live view; the run goes on (ctrl+c stops it). Watch it again: npx interplay watch ${folder}`;
    const live = renderLiveRun({ subscribe: events.subscribe, title: basename(folder), leaveNote });
    void live.ended.then((reason) => {
      if (reason === 'interrupt') interrupt.abort(new DOMException('interrupted from the live view', 'AbortError'));
    });
    return () => live.finish();
  };
}
