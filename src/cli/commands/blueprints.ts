import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import { writeBlueprintFile } from '../../blueprints/blueprint-files.ts';
import { BlueprintStore } from '../../blueprints/blueprint-store.ts';
import { buildApiGraph, formatApiGraph } from '../../blueprints/generation/api-graph.ts';
import { formatBatchReport, batchReport } from '../../blueprints/generation/batch-report.ts';
import type { BlueprintValidator, GenerationValidation } from '../../blueprints/generation/blueprint-validator.ts';
import { readFewShotPool } from '../../blueprints/generation/few-shot.ts';
import { generateBatch } from '../../blueprints/generation/generate-batch.ts';
import type { GenerationResult } from '../../blueprints/generation/generate-blueprint.ts';
import { createOfflineTemplateGenerator, hasOfflineTemplates, OFFLINE_GENERATOR_ID } from '../../blueprints/generation/offline/offline-generator.ts';
import { chooseCombination, combinationKey, recombineBlueprints, type RecombinationResult } from '../../blueprints/generation/recombine.ts';
import { validateBlueprint } from '../../blueprints/validate-blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import type { ChatModel } from '../../models/index.ts';
import { seededRandom } from '../../rollout/offline/seeded-random.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { wholeNumber } from '../number-option.ts';
import { loadDomain } from '../domain-option.ts';
import { addModelOptions, createRoleModel, resolveModelRoles } from '../model-options.ts';

interface SharedOptions {
  domain: string;
  data?: string;
  seed: string;
  offline?: boolean;
  out?: string;
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
  /** What the run prints about the committee and the revise loop. */
  note: string;
}

export function registerBlueprintsCommand(program: Command, io: CliIo) {
  const blueprints = program.command('blueprints').description('Generate blueprints (APIGen-MT phase 1): sampled context, a generator model, validation; and reverse recombination.');

  const generate = blueprints
    .command('generate')
    .description('Generate blueprints from sampled context (API-graph walk, policy rules, a real user and their records, a persona, accepted examples) and keep those that pass validation.')
    .requiredOption('--domain <name>', 'retail or airline')
    .option('--count <n>', 'how many blueprints to generate', '10')
    .option('--seed <n>', 'batch seed: the same seed samples the same contexts', '1')
    .option('--offline', `no model: the offline template generator (${OFFLINE_GENERATOR_ID}) writes the blueprints and the committee is skipped`)
    .option('--out <dir>', 'where accepted blueprints are written (default: the store, blueprints/<domain>/); accepted blueprints there are also the few-shot examples')
    .option('--data <dir>', 'a data folder (default: the shipped database)');
  addModelOptions(generate, ['generator', 'reviewers', 'feedback']);
  generate.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ interplay blueprints generate --domain retail --count 20 --offline',
      '  $ OPENAI_API_KEY=... interplay blueprints generate --domain airline --count 50 --generator-model gpt-4o --reviewer-model gpt-4o-mini gpt-4o-mini gpt-4o-mini --feedback-model gpt-4o-mini',
    ].join('\n'),
  );
  generate.action(async (options: GenerateOptions) => {
    const count = wholeNumber('--count', options.count, 1);
    const seed = wholeNumber('--seed', options.seed, 0, 2 ** 31 - 1);
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const models = generationModels(options, domain, base, io);
    const out = outputFolder(options.out, domain.name, io);
    const graph = buildApiGraph(domain, base);
    const fewShotPool = readFewShotPool(out.folder, domain.name);
    io.out(`generating ${count} ${domain.name} blueprint${count === 1 ? '' : 's'} (seed ${seed}) with ${models.generator.id}; ${fewShotPool.length} accepted blueprint${fewShotPool.length === 1 ? '' : 's'} as examples\n`);
    io.out(`${models.note}\n`);
    const accepted: Blueprint[] = [];
    const { report } = await generateBatch({
      domain,
      base,
      graph,
      generator: models.generator,
      validate: validatorFor(domain, base, models),
      seed,
      count,
      clock: io.now,
      fewShotPool,
      onResult: (result) => {
        io.out(describeResult(result.draft?.id ?? `(no blueprint from context seed ${result.context.seed})`, result, `walk ${result.context.walk.join(' > ')}`));
        if (result.validation?.accepted) accepted.push(result.validation.blueprint);
      },
    });
    await writeAccepted(accepted, out, io);
    io.out(formatBatchReport(report));
  });

  const recombine = blueprints
    .command('recombine')
    .description('Reverse recombination: join 2–3 accepted blueprints of one user into one, write one instruction for it, and validate the whole again.')
    .requiredOption('--domain <name>', 'retail or airline')
    .option('--count <n>', 'how many combinations to make', '5')
    .option('--seed <n>', 'seed for choosing the combinations', '1')
    .option('--from <dir>', 'the accepted blueprints to combine (default: blueprints/<domain>/)')
    .option('--offline', `no model: the offline generator joins the instructions and the committee is skipped`)
    .option('--out <dir>', 'where accepted combinations are written (default: the store, blueprints/<domain>/)')
    .option('--data <dir>', 'a data folder (default: the shipped database)');
  addModelOptions(recombine, ['generator', 'reviewers', 'feedback']);
  recombine.action(async (options: RecombineOptions) => {
    const count = wholeNumber('--count', options.count, 1);
    const seed = wholeNumber('--seed', options.seed, 0, 2 ** 31 - 1);
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const models = generationModels(options, domain, base, io);
    const from = options.from ? resolve(io.cwd, options.from) : resolve(io.cwd, 'blueprints', domain.name);
    const pool = readFewShotPool(from, domain.name);
    const out = outputFolder(options.out, domain.name, io);
    io.out(`recombining ${domain.name} blueprints from ${relative(io.cwd, from) || '.'} (${pool.length} accepted) with ${models.generator.id}\n${models.note}\n`);
    const random = seededRandom(seed);
    const made = new Set<string>();
    const results: RecombinationResult[] = [];
    const accepted: Blueprint[] = [];
    const validate = validatorFor(domain, base, models);
    for (let index = 0; index < count; index++) {
      const sources = chooseCombination(pool, domain, random, made);
      if (!sources) {
        io.out(`no more combinations: recombination needs 2 or more accepted blueprints of one user acting on different records (made ${results.length})\n`);
        break;
      }
      made.add(combinationKey(sources));
      const result = await recombineBlueprints({ sources, generator: models.generator, validate, seed, index, clock: io.now });
      results.push(result);
      io.out(describeResult(result.draft?.id ?? '(no blueprint)', result, `from ${result.sources.join(' + ')}`));
      if (result.validation?.accepted) accepted.push(result.validation.blueprint);
    }
    await writeAccepted(accepted, out, io);
    if (results.length > 0) io.out(formatBatchReport(batchReport(results)));
  });

  blueprints
    .command('graph')
    .description("Print the domain's API dependency graph (derived by running its read tools on the data), used for context sampling.")
    .requiredOption('--domain <name>', 'retail or airline')
    .option('--data <dir>', 'a data folder (default: the shipped database)')
    .action((options: { domain: string; data?: string }) => {
      const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
      io.out(formatApiGraph(buildApiGraph(domain, base)));
    });
}

function generationModels(options: SharedOptions, domain: Domain, base: BaseState, io: CliIo): GenerationModels {
  if (options.offline) {
    if (!hasOfflineTemplates(domain.name)) throw new UsageError(`--offline: the offline template generator has no templates for the ${domain.name} domain`);
    const ignored = ['generatorModel', 'reviewerModel', 'feedbackModel', 'config'].filter((flag) => options[flag] !== undefined);
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
  const committee = reviewers.length > 0 ? `a committee of ${reviewers.length} reviewer${reviewers.length === 1 ? '' : 's'}` : 'no committee (no --reviewer-model given: the committee stage is skipped)';
  return {
    generator,
    reviewers: reviewers.map((config) => createRoleModel(config, io)),
    ...(feedback ? { feedback } : {}),
    note: `validation: format, execution and policy checks, then ${committee}; ${feedback ? 'failures are revised from feedback' : 'no revise loop (no --feedback-model)'}`,
  };
}

function validatorFor(domain: Domain, base: BaseState, models: GenerationModels): BlueprintValidator {
  return (blueprint, signal) =>
    validateBlueprint({
      domain,
      base,
      blueprint,
      reviewers: models.reviewers,
      ...(models.feedback ? { feedbackModel: models.feedback, generatorModel: models.generator } : {}),
      ...(signal ? { signal } : {}),
    });
}

/** `--out <dir>`: plain files there; otherwise the blueprint store (blueprints/<domain>/ and its index). */
function outputFolder(out: string | undefined, domain: string, io: CliIo): { folder: string; store?: string } {
  if (out) return { folder: resolve(io.cwd, out) };
  const store = resolve(io.cwd, 'blueprints');
  return { folder: resolve(store, domain), store };
}

async function writeAccepted(accepted: readonly Blueprint[], out: { folder: string; store?: string }, io: CliIo): Promise<void> {
  if (accepted.length === 0) return;
  const files: string[] = [];
  if (out.store) {
    const store = await BlueprintStore.open(out.store, { now: io.now });
    try {
      for (const blueprint of accepted) files.push(await store.save(blueprint));
    } finally {
      store.close();
    }
  } else {
    for (const blueprint of accepted) files.push(writeBlueprintFile(out.folder, blueprint));
  }
  io.out(`wrote ${files.length} accepted blueprint${files.length === 1 ? '' : 's'} to ${relative(io.cwd, out.folder) || '.'}\n`);
}

function describeResult(label: string, result: GenerationResult | RecombinationResult, detail: string): string {
  const validation: GenerationValidation | undefined = result.validation;
  if (!validation) return `✗ ${label}: ${result.problem ?? 'no blueprint'}\n`;
  if (validation.accepted) return `✓ ${label} ${validation.status ?? 'accepted'} (${validation.history.length} round${validation.history.length === 1 ? '' : 's'}; ${detail})\n`;
  const final = validation.history.at(-1);
  const failed = final?.checks.find((check) => !check.passed && !check.skipped);
  const problem = failed?.problems[0] ? `: ${failed.problems[0]}` : '';
  return `✗ ${label} rejected at ${failed?.stage ?? validation.failedStage ?? 'unknown'}${problem} (${detail})\n`;
}
