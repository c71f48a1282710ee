import type { Command } from 'commander';
import { domains, getDomain } from '../../../domains/index.ts';
import type { CliIo } from '../cli-io.ts';

export function registerDomainsCommand(program: Command, io: CliIo) {
  program
    .command('domains')
    .description('List the domains, or show one: its collections, record counts, tools and state hash.')
    .argument('[name]', 'a domain to show (retail, airline)')
    .option('--json', "print the domain's tools as OpenAI function schemas (JSON)")
    .addHelpText('after', '\nExamples:\n  $ interplay domains\n  $ interplay domains airline\n  $ interplay domains retail --json > retail-tools.json')
    .action((name: string | undefined, options: { json?: boolean }) => {
      if (!name) {
        for (const domain of Object.values(domains)) io.out(`${domain.name.padEnd(8)} ${domain.tools.length} tools, collections: ${domain.collections.join(', ')}\n`);
        return;
      }
      const domain = getDomain(name);
      if (options.json) {
        io.out(`${JSON.stringify(domain.toolSchemas(), null, 2)}\n`);
        return;
      }
      const base = domain.createBase();
      io.out(`${domain.name}\n  default data: ${base.collections.map((collection) => `${base.ids(collection).length} ${collection}`).join(', ')}\n`);
      io.out(`  state hash:   ${base.hash()}\n  tools:\n`);
      for (const tool of domain.tools) io.out(`    ${tool.name.padEnd(36)} ${tool.kind}\n`);
    });
}
