import type { Command } from 'commander';
import { addBlueprintOptions } from '../blueprint-option.ts';
import type { CliIo } from '../cli-io.ts';
import { addConversationOptions, addFailedJobsOption } from '../conversation-options.ts';
import { lazyAction } from '../lazy-action.ts';
import { addModelOptions } from '../model-options.ts';
import { addOutputsMatchOption } from '../outputs-match-option.ts';

/** `interplay rollout`: its options and help; what it does (rollout.ts) loads when it runs. */
export function registerRolloutCommand(program: Command, io: CliIo) {
  const command = program
    .command('rollout')
    .description('Run a simulated human against an agent on blueprints; keep a trajectory only if it provably did the right thing.')
    .requiredOption('--domain <name>', 'retail or airline');
  addBlueprintOptions(command)
    .option('--data <dir>', 'a data folder (default: the shipped database)')
    .option('--trials <k>', 'rollouts per blueprint', '1')
    .option('--out <dir>', 'run folder (default: traces/rollout-<domain>-<time>)')
    .option('--json', 'print each trajectory as JSON instead of a transcript')
    .option('--unvalidated', 'roll out blueprints that fail validation stages 1-3 anyway (their verdicts are marked unvalidated), and those that need a judge without one (graded unverifiable)');
  addOutputsMatchOption(command);
  addConversationOptions(command);
  addFailedJobsOption(command);
  addModelOptions(command, ['agent', 'human', 'judge']);
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ interplay rollout --domain retail --blueprints retail-cancel-pending-order --offline --trials 3',
      '  $ OPENAI_API_KEY=... interplay rollout --domain retail --blueprints blueprints/retail --agent-model gpt-4o-mini --human-model gpt-4o-mini',
      '  $ interplay rollout --domain airline --blueprints b.json --agent-model qwen2.5 --agent-base-url http://127.0.0.1:8000/v1 --human-model qwen2.5 --human-base-url http://127.0.0.1:8000/v1',
    ].join('\n'),
  );
  command.action(lazyAction(async () => (await import('./rollout.ts')).rolloutAction(command, io)));
}
