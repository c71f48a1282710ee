import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

/** `interplay import tau-bench|tau-bench-results`: their options and help; what they do (import.ts) loads when one runs. */
export function registerImportCommand(program: Command, io: CliIo) {
  const command = program.command('import').description('Import data and tasks from other harnesses.');
  command
    .command('tau-bench')
    .description("Load tau-bench's data unchanged and convert its tasks into blueprints.")
    .requiredOption('--domain <name>', 'retail or airline')
    .requiredOption('--data <dir>', "folder with tau-bench's json files for the domain")
    .option('--tasks <file>', 'a tau-bench task file to convert into blueprints')
    .requiredOption('--out <dir>', 'folder to create: <out>/data/*.json and <out>/blueprints/*.json')
    .option('--force', 'replace <out> if an earlier import wrote it (it holds the import marker and nothing else)')
    .addHelpText('after', '\nExample:\n  $ interplay import tau-bench --domain retail --data ../shared/peers/tau-bench/tau-bench/retail \\\n      --tasks ../shared/peers/tau-bench/tau-bench/retail/retail_tasks_dev.json --out imported/retail')
    .action(lazyAction(async () => (await import('./import.ts')).importTauBenchAction(io)));

  command
    .command('tau-bench-results')
    .description("Grade a tau-bench results file with interplay (tau-bench's outputs rule) and write a run folder that regrade, export and watch read.")
    .requiredOption('--domain <name>', 'retail or airline')
    .requiredOption('--data <dir>', "tau-bench's data folder for the domain (the data the results were produced on)")
    .requiredOption('--results <file>', 'a tau-bench results file: a JSON list of {task_id, reward, info: {task, ...}, traj, trial}')
    .requiredOption('--out <dir>', 'the run folder to create (it must not exist, or be empty)')
    .option('--json', 'one JSON line per entry ({"task_id", "trial", "tau_reward", "state_match", "outputs_ok", "kept"}), then a summary line')
    .addHelpText(
      'after',
      '\nExample:\n  $ interplay import tau-bench-results --domain retail --data ../shared/peers/tau-bench/tau-bench/retail \\\n      --results results/tool-calling-gpt-4o-retail.json --out traces/tau-retail-results --json',
    )
    .action(lazyAction(async () => (await import('./import.ts')).importTauBenchResultsAction(io)));
}
