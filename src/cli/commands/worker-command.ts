import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';
import { addQueueOptions } from '../queue-options.ts';
import type { WorkerCommandHooks } from './worker.ts';

/** `interplay worker`: its options and help; what it does (worker.ts, and BullMQ) loads when it runs. */
export function registerWorkerCommand(program: Command, io: CliIo, hooks: WorkerCommandHooks = {}) {
  const command = program.command('worker').description('Take rollout jobs from a queue (every run on it) and run them here, until stopped: for `generate --queue`.');
  addQueueOptions(command, 'the queue\'s Redis: redis://host:port[/db]', true)
    .option('--concurrency <n>', 'jobs this worker runs at once', '4')
    .option('--config <file>', 'this worker\'s own endpoints: for a model a run names, the base URL and key variable of its entry here replace the run\'s (same {"models": {...}} file as generate --config)')
    // For tests and impatient clusters: how soon a killed worker's jobs go to another worker.
    .addOption(new Option('--stalled-interval <ms>', 'how often stalled jobs are looked for (BullMQ default 30000)').hideHelp())
    .addOption(new Option('--lock-duration <ms>', 'how long a job\'s lock lasts without renewal (BullMQ default 30000)').hideHelp());
  command.addHelpText(
    'after',
    [
      '',
      'Model endpoints come from each run (its redacted config); keys from this process\'s environment (the',
      'variable the config names). Keys never enter Redis. ctrl+c or SIGTERM finishes the running jobs and',
      'stops; a second one stops at once (the running jobs go to another worker).',
      '',
      'Example:',
      '  $ OPENAI_API_KEY=... interplay worker --queue redis://10.0.0.5:6379 --concurrency 16',
    ].join('\n'),
  );
  command.action(lazyAction(async () => (await import('./worker.ts')).workerAction(io, hooks)));
}
