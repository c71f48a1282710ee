import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';
import { addOutputsMatchOption } from '../outputs-match-option.ts';

/** `interplay regrade`: its arguments, options and help; what it does (regrade.ts) loads when it runs. */
export function registerRegradeCommand(program: Command, io: CliIo) {
  const command = program
    .command('regrade')
    .description('Recompute every verdict from the stored transcripts, without any model: run folders, or trajectory files with their blueprints.')
    .argument('<paths...>', 'run folders (manifest.json, inputs.json, trajectories.jsonl), or trajectory .jsonl files')
    .option('--blueprints <file|dir|id...>', 'for trajectory files: the blueprints they were rolled out from')
    .option('--data <dir>', "the data folder (a run folder's own is used by default; its hash must still match)")
    .option('--json', 'print one JSON line per trajectory ({"id","kept","reason"}), then one summary line')
    .option('--why', 'for each rejected trajectory, print whose failure it is (agent, human, environment, blueprint) and where it left the gold actions');
  addOutputsMatchOption(command).addHelpText('after', '\nExamples:\n  $ interplay regrade traces/demo-20260102-030405/retail-fallible\n  $ interplay regrade some-trajectories.jsonl --blueprints blueprints/retail --json');
  command.action(lazyAction(async () => (await import('./regrade.ts')).regradeAction(io)));
}
