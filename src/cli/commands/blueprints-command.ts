import type { Command } from 'commander';
import { OFFLINE_GENERATOR_ID } from '../../blueprints/generation/offline/offline-generator-id.ts';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';
import { addModelOptions } from '../model-options.ts';

/** `interplay blueprints generate|recombine|reindex|graph`: their options and help; what they do (blueprints.ts) loads when one runs. */
export function registerBlueprintsCommand(program: Command, io: CliIo) {
  const blueprints = program.command('blueprints').description('Generate blueprints (APIGen-MT phase 1): sampled context, a generator model, validation; and reverse recombination.');

  const generate = blueprints
    .command('generate')
    .description('Generate blueprints from sampled context (API-graph walk, policy rules, a real user and their records, a persona, accepted examples) and keep those that pass validation.')
    .requiredOption('--domain <name>', 'retail or airline')
    .option('--count <n>', 'how many blueprints to generate', '10')
    .option('--seed <n>', 'batch seed: the same seed samples the same contexts', '1')
    .option('--offline', `no model: the offline template generator (${OFFLINE_GENERATOR_ID}) writes the blueprints and the committee is skipped`)
    .option('--out <dir>', 'the working folder accepted blueprints are written to (default: blueprints/<domain>/generated/)')
    .option('--into <dir>', 'write into the shipped set instead: a store\'s domain folder such as blueprints/<domain> (its index is updated)')
    .option('--force', 'replace existing files, but only those interplay wrote and nobody edited since')
    .option('--min-voters <n>', 'reviewers that must vote for the committee to decide (default: a majority of the committee)')
    .option('--data <dir>', 'a data folder (default: the shipped database)');
  addModelOptions(generate, ['generator', 'reviewers', 'feedback']);
  generate.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ interplay blueprints generate --domain retail --count 20 --offline          # writes blueprints/retail/generated/',
      '  $ interplay blueprints generate --domain retail --count 20 --offline --into blueprints/retail',
      '  $ OPENAI_API_KEY=... interplay blueprints generate --domain airline --count 50 --generator-model gpt-4o --reviewer-model gpt-4o-mini gpt-4o-mini gpt-4o-mini --feedback-model gpt-4o-mini',
    ].join('\n'),
  );
  generate.action(lazyAction(async () => (await import('./blueprints.ts')).blueprintsGenerateAction(io)));

  const recombine = blueprints
    .command('recombine')
    .description('Reverse recombination: join 2–3 accepted blueprints of one user into one, write one instruction for it, and validate the whole again.')
    .requiredOption('--domain <name>', 'retail or airline')
    .option('--count <n>', 'how many combinations to make', '5')
    .option('--seed <n>', 'seed for choosing the combinations', '1')
    .option('--from <dir>', 'the accepted blueprints to combine (default: blueprints/<domain>/ and its generated/ working folder)')
    .option('--offline', `no model: the offline generator joins the instructions and the committee is skipped`)
    .option('--out <dir>', 'the working folder accepted combinations are written to (default: blueprints/<domain>/generated/)')
    .option('--into <dir>', 'write into the shipped set instead: a store\'s domain folder such as blueprints/<domain> (its index is updated)')
    .option('--force', 'replace existing files, but only those interplay wrote and nobody edited since')
    .option('--min-voters <n>', 'reviewers that must vote for the committee to decide (default: a majority of the committee)')
    .option('--data <dir>', 'a data folder (default: the shipped database)');
  addModelOptions(recombine, ['generator', 'reviewers', 'feedback']);
  recombine.action(lazyAction(async () => (await import('./blueprints.ts')).blueprintsRecombineAction(io)));

  blueprints
    .command('reindex')
    .description("Rebuild a blueprint store's index (<dir>/index.json) from its files <dir>/<domain>/<id>.json; generated/ working folders are not part of it.")
    .argument('[dir]', 'the store', 'blueprints')
    .option('--domain <name>', "rebuild this domain's entries only, keeping the others (all of them when the index cannot be read)")
    .action(lazyAction(async () => (await import('./blueprints.ts')).blueprintsReindexAction(io)));

  blueprints
    .command('graph')
    .description("Print the domain's API dependency graph (derived by running its read tools on the data), used for context sampling.")
    .requiredOption('--domain <name>', 'retail or airline')
    .option('--data <dir>', 'a data folder (default: the shipped database)')
    .action(lazyAction(async () => (await import('./blueprints.ts')).blueprintsGraphAction(io)));
}
