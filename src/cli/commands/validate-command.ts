import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { addCommitteeOptions } from '../committee-options.ts';
import { lazyAction } from '../lazy-action.ts';
import { addModelOptions } from '../model-options.ts';

/** `interplay validate`: its arguments, options and help; what it does (validate.ts) loads when it runs. */
export function registerValidateCommand(program: Command, io: CliIo) {
  const command = program
    .command('validate')
    .description('Validate blueprints: format, execution and policy checks, then the review committee; failures are revised from feedback when a feedback and a generator model are configured.')
    .argument('<paths...>', 'blueprint files or folders (a folder\'s generated/ working folder is read only when named)')
    .option('--offline', 'run the format, execution and policy stages only: no committee, no revision, no model call');
  addCommitteeOptions(command)
    .option('--write', 'save the blueprints with their status, checks, reviews and history to the store, all or nothing; a stored blueprint is never replaced by a worse status (approved > validated > undecided > draft > unfinished > rejected) unless --force, and undecided or unfinished results are not written')
    .option('--force', 'with --write: replace stored blueprints even with a worse status')
    .option('--store <dir>', 'the blueprint store for --write (<dir>/<domain>/<id>.json and <dir>/index.json)', 'blueprints')
    .option('--data <dir>', "a data folder for the blueprints' domain (default: the shipped database)");
  addModelOptions(command, ['reviewers', 'feedback', 'generator']);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ interplay validate blueprints/retail --offline\n  $ interplay validate blueprints/retail --reviewer-model gpt-4o-mini gpt-4o-mini gpt-4o-mini --feedback-model gpt-4o-mini --generator-model gpt-4o --write',
  );
  command.action(lazyAction(async () => (await import('./validate.ts')).validateAction(io)));
}
