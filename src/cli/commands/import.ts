import { resolve } from 'node:path';
import type { Command } from 'commander';
import { getDomain } from '../../../domains/index.ts';
import { importTauBench } from '../../interop/import-tau-bench.ts';
import type { CliIo } from '../cli-io.ts';

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
    .addHelpText('after', '\nExample:\n  $ interplay import tau-bench --domain retail --data tau-bench/retail --tasks tau-bench/retail/retail_tasks_dev.json --out imported/retail')
    .action((options: { domain: string; data: string; tasks?: string; out: string; force?: boolean }) => {
      const result = importTauBench({
        domain: getDomain(options.domain),
        dataFolder: resolve(io.cwd, options.data),
        ...(options.tasks ? { tasksFile: resolve(io.cwd, options.tasks) } : {}),
        outFolder: resolve(io.cwd, options.out),
        replace: Boolean(options.force),
        workingDirectory: io.cwd,
        now: io.now(),
      });
      const counts = Object.entries(result.records).map(([collection, count]) => `${count} ${collection}`).join(', ');
      const identification = result.blueprints > 0 ? `\n${result.identificationAdded} of ${result.blueprints} blueprints start with the identification call their instruction implies (read-only: final states unchanged)` : '';
      io.out(`imported ${counts} and ${result.blueprints} blueprints into ${result.outFolder}\nstate hash ${result.hash}${identification}\n`);
    });
}
