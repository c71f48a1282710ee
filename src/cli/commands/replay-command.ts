import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

/** `interplay replay`: its arguments, options and help; what it does (replay.ts) loads when it runs. */
export function registerReplayCommand(program: Command, io: CliIo) {
  program
    .command('replay')
    .description("Run each task's actions on a fresh state and print one JSON line per task with the final state hash.")
    .argument('[blueprints...]', 'blueprint files or folders')
    .option('--domain <name>', 'retail or airline (default: the blueprints\' domain)')
    .option('--data <dir>', "a data folder (ours or tau-bench's); default: the shipped database")
    .option('--tau-tasks <file>', 'a tau-bench task file instead of blueprints')
    .option('--verbose', 'also print each action result and the state diff to stderr')
    .addHelpText(
      'after',
      [
        '',
        'Examples (tau-bench\'s data as it sits beside a checkout of interplay; substitute your copy of tau-bench\'s retail folder):',
        '  $ interplay replay --domain retail --data ../shared/peers/tau-bench/tau-bench/retail --tau-tasks ../shared/peers/tau-bench/tau-bench/retail/retail_tasks_dev.json',
        '  $ interplay replay blueprints/retail',
      ].join('\n'),
    )
    .action(lazyAction(async () => (await import('./replay.ts')).replayAction(io)));
}
