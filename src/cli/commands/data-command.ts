import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

const DEFAULT_SEED = 20240515;

/** `interplay data generate|check`: their options and help; what they do (data.ts) loads when one runs. */
export function registerDataCommand(program: Command, io: CliIo) {
  const data = program.command('data').description("Make or check a domain's database.");
  data
    .command('generate')
    .description('Write a seeded database of the same shape as the shipped one (same seed, same bytes).')
    .requiredOption('--domain <name>', 'retail or airline')
    .requiredOption('--out <dir>', 'folder to write <collection>.json files to')
    .option('--seed <n>', 'random seed', String(DEFAULT_SEED))
    .option('--scale <x>', 'record counts relative to the default size', '1')
    .addHelpText('after', '\nExample:\n  $ interplay data generate --domain airline --seed 7 --scale 0.5 --out my-airline-data')
    .action(lazyAction(async () => (await import('./data.ts')).dataGenerateAction(io)));
  data
    .command('check')
    .description("Check a data folder against the domain's record schemas; print counts and the state hash.")
    .requiredOption('--domain <name>', 'retail or airline')
    .requiredOption('--data <dir>', 'folder with <collection>.json files (ours or tau-bench\'s)')
    .addHelpText('after', "\nExamples (the second reads tau-bench's data as it sits beside a checkout of interplay; substitute your copy):\n  $ interplay data check --domain airline --data my-airline-data\n  $ interplay data check --domain retail --data ../shared/peers/tau-bench/tau-bench/retail")
    .action(lazyAction(async () => (await import('./data.ts')).dataCheckAction(io)));
}
