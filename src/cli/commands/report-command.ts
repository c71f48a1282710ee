import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

/** `interplay report`: its arguments, options and help; what it does (report.ts) loads when it runs. */
export function registerReportCommand(program: Command, io: CliIo) {
  program
    .command('report')
    .description('Write a run\'s HTML report: one self-contained file (charts, blueprint table, trajectories with diagnostics) that opens from disk.')
    .argument('<run>', 'the run folder')
    .option('--out <file>', 'the HTML file (default: <run>/report.html); runs above 50 trajectories put their other pages in <file>.pages/ beside it')
    .option('--open', 'open the report in the default browser once written')
    .addHelpText('after', '\nExamples:\n  $ interplay report traces/r1\n  $ interplay report traces/r1 --out r1.html --open')
    .action(lazyAction(async () => (await import('./report.ts')).reportAction(io)));
}
