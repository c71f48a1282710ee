import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

/** `interplay domains`: its arguments, options and help; what it does (domains.ts) loads when it runs. */
export function registerDomainsCommand(program: Command, io: CliIo) {
  program
    .command('domains')
    .description('List the domains, or show one: its collections, record counts, tools and state hash.')
    .argument('[name]', 'a domain to show (retail, airline)')
    .option('--json', "with a name: the domain's tools as OpenAI function schemas (JSON); without: the domains and their counts (JSON)")
    .addHelpText('after', '\nExamples:\n  $ interplay domains\n  $ interplay domains --json\n  $ interplay domains airline\n  $ interplay domains retail --json > retail-tools.json')
    .action(lazyAction(async () => (await import('./domains.ts')).domainsAction(io)));
}
