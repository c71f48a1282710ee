import { resolve } from 'node:path';
import { getDomain } from '../../../domains/index.ts';
import { writeDataFolder } from '../../domain-kit/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { integer } from '../number-option.ts';

/** What `interplay data generate` does (its command line is in data-command.ts). */
export function dataGenerateAction(io: CliIo) {
  return async (options: { domain: string; out: string; seed: string; scale: string }) => {
    const domain = getDomain(options.domain);
    const seed = integer('--seed', options.seed);
    const scale = Number(options.scale);
    if (!(scale > 0 && scale <= 100)) throw new UsageError(`--scale must be a number in (0, 100], got "${options.scale}"`);
    const generated = await domain.generateData({ seed, scale });
    const hash = domain.createBase(structuredClone(generated)).hash();
    const files = writeDataFolder(resolve(io.cwd, options.out), generated);
    io.out(`wrote ${files.join(', ')}\nstate hash ${hash}\n`);
  };
}

/** What `interplay data check` does (its command line is in data-command.ts). */
export function dataCheckAction(io: CliIo) {
  return (options: { domain: string; data: string }) => {
    const { base } = loadDomain(options.domain, options.data, io.cwd);
    io.out(`${base.collections.map((collection) => `${base.ids(collection).length} ${collection}`).join(', ')}\nstate hash ${base.hash()}\n`);
  };
}
