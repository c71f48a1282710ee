import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';
import { addModelOptions } from '../model-options.ts';
import type { AuthorUiStarter } from './author.ts';

/** `interplay author`: its arguments, options and help; what it does (author.ts, the ink UI) loads when it runs. */
export function registerAuthorCommand(program: Command, io: CliIo, startUi?: AuthorUiStarter) {
  const command = program
    .command('author')
    .description('Write or edit a blueprint by hand in a terminal UI: pick a user, add actions through forms generated from the tools, see each result and the state diff, run the checks, save.')
    .argument('[file]', 'an existing blueprint file to edit')
    .option('--domain <name>', 'retail or airline (default: the file\'s domain, else pick one in the UI)')
    .option('--data <dir>', 'a data folder for the domain (default: the shipped database)')
    .option('--store <dir>', 'the blueprints folder: saves go to its working folder <dir>/<domain>/generated/<id>.json', 'blueprints')
    .option('--out <dir>', 'save to this folder instead (<dir>/<id>.json)')
    .option('--into <dir>', "save into the shipped set: a store's domain folder such as blueprints/<domain> (its index is updated)")
    .option('--author <name>', 'your name, recorded in the provenance of new blueprints');
  addModelOptions(command, ['reviewers']);
  command.addHelpText('after', '\nExamples:\n  $ interplay author --domain retail\n  $ interplay author blueprints/retail/retail-cancel-pending-order.json\n  $ interplay author --domain airline --reviewer-model gpt-4o-mini gpt-4o-mini gpt-4o-mini');
  command.action(lazyAction(async () => (await import('./author.ts')).authorAction(io, startUi)));
}
