import { basename, dirname, relative, resolve } from 'node:path';
import { getDomain } from '../../../domains/index.ts';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import { blueprintFilesIn, overwriteProblems, workingFolder, writeBlueprintSet } from '../../blueprints/blueprint-output.ts';
import { BlueprintStore, readBlueprintIndex } from '../../blueprints/blueprint-store.ts';
import { buildApiGraph, formatApiGraph } from '../../blueprints/generation/api-graph.ts';
import { formatBatchReport, batchReport } from '../../blueprints/generation/batch-report.ts';
import type { BlueprintValidator, GenerationValidation } from '../../blueprints/generation/blueprint-validator.ts';
import { readFewShotPool } from '../../blueprints/generation/few-shot.ts';
import { generateBatch } from '../../blueprints/generation/generate-batch.ts';
import { generatedBlueprintId, type GenerationResult } from '../../blueprints/generation/generate-blueprint.ts';
import { createOfflineTemplateGenerator, hasOfflineTemplates } from '../../blueprints/generation/offline/offline-generator.ts';
import { chooseCombination, combinationKey, recombineBlueprints, recombinedBlueprintId, type RecombinationResult } from '../../blueprints/generation/recombine.ts';
import { notValidatedLine } from '../../batch/format-batch-report.ts';
import { validateBlueprint } from '../../blueprints/validate-blueprint.ts';
import { ValidationUnfinishedError } from '../../blueprints/validation-unfinished-error.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import { InvalidDataError } from '../../domain-kit/index.ts';
import type { ChatModel } from '../../models/index.ts';
import { seededRandom } from '../../rollout/offline/seeded-random.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { UnfinishedWorkError } from '../exit-codes.ts';
import { wholeNumber } from '../number-option.ts';
import { loadDomain } from '../domain-option.ts';
import { createRoleModel, resolveModelRoles, type ModelRoles } from '../model-roles.ts';
import { endpointRejectionStop } from '../validation-stop.ts';

interface SharedOptions {
  domain: string;
  data?: string;
  seed: string;
  offline?: boolean;
  out?: string;
  into?: string;
  force?: boolean;
  [flag: string]: unknown;
}

interface GenerateOptions extends SharedOptions {
  count: string;
}

interface RecombineOptions extends SharedOptions {
  count: string;
  from?: string;
}

/** The models a generation run uses, or the offline generator with no committee. */
interface GenerationModels {
  generator: ChatModel;
  reviewers: ChatModel[];
  feedback?: ChatModel;
  /** Voters the committee's vote needs (`--min-voters`; default: a majority of the committee). */
  minVoters?: number;
  /** The configurations behind the models (to name a refusing endpoint). */
  roles?: ModelRoles;
  /** What the run prints about the committee and the revise loop. */
  note: string;
}

/** What `interplay blueprints generate` does (its command line is in blueprints-command.ts). */
export function blueprintsGenerateAction(io: CliIo) {
  return async (options: GenerateOptions) => {
    const count = wholeNumber('--count', options.count, 1);
    const seed = wholeNumber('--seed', options.seed, 0, 2 ** 31 - 1);
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const out = await outputTarget(options, domain.name, io);
    checkOverwrites(out, Array.from({ length: count }, (_, index) => ({ id: generatedBlueprintId(domain.name, seed, index) })), Boolean(options.force));
    const models = generationModels(options, domain, base, io);
    const unfinished = new Map<string, string>();
    const graph = buildApiGraph(domain, base);
    const fewShotPool = readFewShotPool([resolve(io.cwd, 'blueprints', domain.name), out.folder], domain.name);
    io.out(`generating ${count} ${domain.name} blueprint${count === 1 ? '' : 's'} (seed ${seed}) with ${models.generator.id}; ${fewShotPool.length} accepted blueprint${fewShotPool.length === 1 ? '' : 's'} as examples\n`);
    io.out(`${models.note}\n`);
    const accepted: Blueprint[] = [];
    const { report } = await generateBatch({
      domain,
      base,
      graph,
      generator: models.generator,
      validate: validatorFor(domain, base, models, unfinished),
      seed,
      count,
      clock: io.now,
      fewShotPool,
      onResult: (result) => {
        io.out(describeResult(result.draft?.id ?? `(no blueprint from context seed ${result.context.seed})`, result, `walk ${result.context.walk.join(' > ')}`, unfinished));
        if (result.validation?.accepted) accepted.push(result.validation.blueprint);
      },
    });
    await writeAccepted(accepted, out, io);
    io.out(formatBatchReport(report));
    failIfUnfinished(unfinished);
  };
}

/** What `interplay blueprints recombine` does (its command line is in blueprints-command.ts). */
export function blueprintsRecombineAction(io: CliIo) {
  return async (options: RecombineOptions) => {
    const count = wholeNumber('--count', options.count, 1);
    const seed = wholeNumber('--seed', options.seed, 0, 2 ** 31 - 1);
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const out = await outputTarget(options, domain.name, io);
    checkOverwrites(out, Array.from({ length: count }, (_, index) => ({ id: recombinedBlueprintId(domain.name, seed, index) })), Boolean(options.force));
    const models = generationModels(options, domain, base, io);
    const unfinished = new Map<string, string>();
    const from = options.from ? [resolve(io.cwd, options.from)] : [resolve(io.cwd, 'blueprints', domain.name), workingFolder(resolve(io.cwd, 'blueprints'), domain.name)];
    const pool = readFewShotPool(from, domain.name);
    io.out(`recombining ${domain.name} blueprints from ${from.map((folder) => relative(io.cwd, folder) || '.').join(' and ')} (${pool.length} accepted) with ${models.generator.id}\n${models.note}\n`);
    const random = seededRandom(seed);
    const made = new Set<string>();
    const results: RecombinationResult[] = [];
    const accepted: Blueprint[] = [];
    const validate = validatorFor(domain, base, models, unfinished);
    for (let index = 0; index < count; index++) {
      const sources = chooseCombination(pool, domain, random, made);
      if (!sources) {
        io.out(`no more combinations: recombination needs 2 or more accepted blueprints of one user acting on different records (made ${results.length})\n`);
        break;
      }
      made.add(combinationKey(sources));
      const result = await recombineBlueprints({ sources, generator: models.generator, validate, seed, index, clock: io.now });
      results.push(result);
      io.out(describeResult(result.draft?.id ?? '(no blueprint)', result, `from ${result.sources.join(' + ')}`, unfinished));
      if (result.validation?.accepted) accepted.push(result.validation.blueprint);
    }
    await writeAccepted(accepted, out, io);
    if (results.length > 0) io.out(formatBatchReport(batchReport(results)));
    failIfUnfinished(unfinished);
  };
}

/** What `interplay blueprints reindex` does (its command line is in blueprints-command.ts). */
export function blueprintsReindexAction(io: CliIo) {
  return async (dir: string, options: { domain?: string }) => {
    const folder = resolve(io.cwd, dir);
    if (options.domain !== undefined) getDomain(options.domain);
    let readable = true;
    try {
      await readBlueprintIndex(folder);
    } catch (error) {
      if (!(error instanceof InvalidDataError)) throw error;
      readable = false;
    }
    const store = await BlueprintStore.open(folder, { now: io.now }, { ignoreIndex: !readable });
    try {
      const index = await store.rebuildIndex(readable ? options.domain : undefined);
      const count = Object.keys(index.blueprints).length;
      io.out(`rebuilt ${relative(io.cwd, store.indexFile) || store.indexFile}: ${count} blueprint${count === 1 ? '' : 's'}${readable ? '' : ' (the old index could not be read: every domain was rebuilt)'}\n`);
    } finally {
      store.close();
    }
  };
}

/** What `interplay blueprints graph` does (its command line is in blueprints-command.ts). */
export function blueprintsGraphAction(io: CliIo) {
  return (options: { domain: string; data?: string }) => {
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    io.out(formatApiGraph(buildApiGraph(domain, base)));
  };
}

function generationModels(options: SharedOptions, domain: Domain, base: BaseState, io: CliIo): GenerationModels {
  if (options.offline) {
    if (!hasOfflineTemplates(domain.name)) throw new UsageError(`--offline: the offline template generator has no templates for the ${domain.name} domain`);
    const ignored = ['generatorModel', 'reviewerModel', 'feedbackModel', 'config', 'minVoters'].filter((flag) => options[flag] !== undefined);
    return {
      generator: createOfflineTemplateGenerator({ domain, base }),
      reviewers: [],
      note: `offline: the committee is skipped and there is no revise loop; "accepted" means the format, execution and policy stages passed (status "validated")${ignored.length > 0 ? '; the model flags given are ignored' : ''}`,
    };
  }
  const { roles, reviewers } = resolveModelRoles(options, io);
  if (!roles.generator) {
    throw new UsageError(
      'no generator model is configured: pass --generator-model <model> (with --generator-base-url and --generator-api-key-env for a non-default endpoint), or set "generator" under "models" in a --config file; or pass --offline to use the offline template generator',
    );
  }
  const generator = createRoleModel(roles.generator, io);
  const feedback = roles.feedback ? createRoleModel(roles.feedback, io) : undefined;
  const minVoters = options.minVoters === undefined ? undefined : wholeNumber('--min-voters', String(options.minVoters), 1, Math.max(1, reviewers.length));
  const committee = reviewers.length > 0 ? `a committee of ${reviewers.length} reviewer${reviewers.length === 1 ? '' : 's'}` : 'no committee (no --reviewer-model given: the committee stage is skipped)';
  return {
    generator,
    reviewers: reviewers.map((config) => createRoleModel(config, io)),
    ...(feedback ? { feedback } : {}),
    ...(minVoters !== undefined && reviewers.length > 0 ? { minVoters } : {}),
    roles: { roles, reviewers },
    note: `validation: format, execution and policy checks, then ${committee}; ${feedback ? 'failures are revised from feedback' : 'no revise loop (no --feedback-model)'}`,
  };
}

/**
 * The validation of each draft. A draft whose validation could not finish (an outage, failed reviewers)
 * is noted in `unfinished` and counts as not accepted, so the run goes on with the others; an endpoint
 * that refuses the caller (401/403/404) stops the run at once with one line.
 */
function validatorFor(domain: Domain, base: BaseState, models: GenerationModels, unfinished: Map<string, string>): BlueprintValidator {
  return async (blueprint, signal) => {
    try {
      return await validateBlueprint({
        domain,
        base,
        blueprint,
        reviewers: models.reviewers,
        ...(models.minVoters !== undefined ? { minVoters: models.minVoters } : {}),
        ...(models.feedback ? { feedbackModel: models.feedback, generatorModel: models.generator } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (!(error instanceof ValidationUnfinishedError) || signal?.aborted) throw error;
      if (error.endpointRejected) throw endpointRejectionStop(error, models.roles ?? { roles: {}, reviewers: [] });
      unfinished.set(blueprint.id, error.message);
      return { accepted: false, blueprint, history: [] };
    }
  };
}

/** Exit code 3 when some drafts could not be validated: "N blueprints not validated: reason". */
function failIfUnfinished(unfinished: ReadonlyMap<string, string>): void {
  const line = notValidatedLine([...unfinished.values()].map((reason) => ({ problems: [reason] })));
  if (line) throw new UnfinishedWorkError(line);
}

/** Where accepted blueprints go: a working folder (plain files), or the shipped set through its store. */
interface OutputTarget {
  folder: string;
  /** With `--into`: the store whose domain folder `folder` is (its index is updated). */
  store?: string;
}

/**
 * `--out <dir>` or the default working folder `blueprints/<domain>/generated/`: plain files there.
 * `--into <dir>` names the shipped set, a store's domain folder (`<store>/<domain>`): the store's index
 * is read now, so a corrupt one fails before any generation work.
 */
async function outputTarget(options: SharedOptions, domain: string, io: CliIo): Promise<OutputTarget> {
  if (options.out !== undefined && options.into !== undefined) throw new UsageError('--out and --into conflict: write to a working folder (--out) or into the shipped set (--into), not both');
  if (options.into === undefined) return { folder: options.out !== undefined ? resolve(io.cwd, options.out) : workingFolder(resolve(io.cwd, 'blueprints'), domain) };
  const folder = resolve(io.cwd, options.into);
  if (basename(folder) !== domain) throw new UsageError(`--into names a store's ${domain} folder (<store>/${domain}, e.g. blueprints/${domain}), not ${options.into}`);
  const store = dirname(folder);
  await readBlueprintIndex(store);
  return { folder, store };
}

/** Fails before any work when a blueprint the run may write would replace a file it must not (see `overwriteProblems`). */
function checkOverwrites(out: OutputTarget, planned: readonly { id: string }[], force: boolean): void {
  const problems = overwriteProblems(blueprintFilesIn(out.folder, planned), force);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more file${problems.length === 2 ? '' : 's'} this run would write)` : '';
    // Bad input (a file in the way), named in one line: the first file, and how many more.
    throw new InvalidDataError(`${problems[0]}${more}; nothing was generated`, 'blueprints');
  }
}

/** Writes the accepted blueprints all or nothing: plain files in a working folder, or through the store with `--into`. */
async function writeAccepted(accepted: readonly Blueprint[], out: OutputTarget, io: CliIo): Promise<void> {
  if (accepted.length === 0) return;
  let files: string[];
  if (out.store) {
    const store = await BlueprintStore.open(out.store, { now: io.now });
    try {
      files = await store.saveAll(accepted);
    } finally {
      store.close();
    }
  } else {
    files = writeBlueprintSet(out.folder, accepted);
  }
  io.out(`wrote ${files.length} accepted blueprint${files.length === 1 ? '' : 's'} to ${relative(io.cwd, out.folder) || '.'}\n`);
}

function describeResult(label: string, result: GenerationResult | RecombinationResult, detail: string, unfinished: ReadonlyMap<string, string>): string {
  const validation: GenerationValidation | undefined = result.validation;
  if (!validation) return `✗ ${label}: ${result.problem ?? 'no blueprint'}\n`;
  const notValidated = unfinished.get(validation.blueprint.id);
  if (notValidated !== undefined) return `! ${label} not validated: ${notValidated} (${detail})\n`;
  if (validation.accepted) return `✓ ${label} ${validation.status ?? 'accepted'} (${validation.history.length} round${validation.history.length === 1 ? '' : 's'}; ${detail})\n`;
  const final = validation.history.at(-1);
  const failed = final?.checks.find((check) => !check.passed && !check.skipped);
  const problem = failed?.problems[0] ? `: ${failed.problems[0]}` : '';
  return `✗ ${label} rejected at ${failed?.stage ?? validation.failedStage ?? 'unknown'}${problem} (${detail})\n`;
}
