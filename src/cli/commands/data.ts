import { resolve } from 'node:path';
import type { Command } from 'commander';
import { getDomain } from '../../../domains/index.ts';
import { writeDataFolder } from '../../domain-kit/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { integer } from '../number-option.ts';

const DEFAULT_SEED = 20240515;

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
    .action((options: { domain: string; out: string; seed: string; scale: string }) => {
      const domain = getDomain(options.domain);
      const seed = integer('--seed', options.seed);
      const scale = Number(options.scale);
      if (!(scale > 0 && scale <= 100)) throw new UsageError(`--scale must be a number in (0, 100], got "${options.scale}"`);
      const generated = domain.generateData({ seed, scale });
      const hash = domain.createBase(structuredClone(generated)).hash();
      const files = writeDataFolder(resolve(io.cwd, options.out), generated);
      io.out(`wrote ${files.join(', ')}\nstate hash ${hash}\n`);
    });
  data
    .command('check')
    .description("Check a data folder against the domain's record schemas; print counts and the state hash.")
    .requiredOption('--domain <name>', 'retail or airline')
    .requiredOption('--data <dir>', 'folder with <collection>.json files (ours or tau-bench\'s)')
    .addHelpText('after', "\nExamples (the second reads tau-bench's data as it sits beside a checkout of interplay; substitute your copy):\n  $ interplay data check --domain airline --data my-airline-data\n  $ interplay data check --domain retail --data ../shared/peers/tau-bench/tau-bench/retail")
    .action((options: { domain: string; data: string }) => {
      const { base } = loadDomain(options.domain, options.data, io.cwd);
      io.out(`${base.collections.map((collection) => `${base.ids(collection).length} ${collection}`).join(', ')}\nstate hash ${base.hash()}\n`);
    });
}
