import type { Command } from 'commander';
import { addBlueprintOptions } from '../blueprint-option.ts';
import type { CliIo } from '../cli-io.ts';
import { addCommitteeOptions } from '../committee-options.ts';
import { addConversationOptions, addFailedJobsOption } from '../conversation-options.ts';
import { lazyAction } from '../lazy-action.ts';
import { addModelOptions } from '../model-options.ts';
import { addOutputsMatchOption } from '../outputs-match-option.ts';
import { addQueueOptions } from '../queue-options.ts';
import type { GenerateCommandHooks } from './generate.ts';

/** `interplay generate`: its options and help; what it does (generate.ts) loads when it runs. */
export function registerGenerateCommand(program: Command, io: CliIo, hooks: GenerateCommandHooks = {}) {
  const command = program
    .command('generate')
    .description('Validate blueprints, roll each out k times at high concurrency, keep what passes: the everyday batch, resumable.')
    .option('--domain <name>', 'retail or airline');
  addBlueprintOptions(command)
    .option('--data <dir>', 'a data folder (default: the shipped database)')
    .option('--trials <k>', 'rollouts per blueprint', '3')
    .option('--concurrency <n>', 'rollouts (and validations) in flight at once', '8')
    .option('--rpm <n>', 'requests per minute, per model endpoint, in any 60 s window (stored: --resume reuses it)')
    .option('--tpm <n>', 'tokens per minute, per model endpoint (estimated before a call, corrected after; stored like --rpm)')
    .option('--endpoint-concurrency <n>', 'requests in flight at once, per model endpoint')
    .option('--out <dir>', 'run folder (default: traces/generate-<domain>-<time>)')
    .option('--resume <dir>', 'continue a run that stopped: jobs already in its log are skipped')
    .option('--rerun-lost', 'with --resume: run again the jobs whose trajectories the log lost (it is missing, or shorter than the manifest counts); without it such a run is refused')
    .option('--break-lock', "take the run folder's writer lock even from a live process or another host: only when you know that writer is gone")
    .option('--max-cost <amount>', 'stop starting rollouts once this much is spent (price table currency, USD by default)')
    .option('--no-cache', 'do not answer model calls from the run\'s response cache')
    .option('--prices <file>', 'JSON {"<model>": {"input": <per 1M tokens>, "output": <per 1M tokens>}} over the shipped prices')
    .option('--unvalidated', 'roll out blueprints that need a judge without one (--judge-model): their trajectories are graded unverifiable, never kept');
  // Phase 1's committee, as in `validate`; stored with the run, so a resume validates with the same settings.
  addCommitteeOptions(command);
  addOutputsMatchOption(command);
  addConversationOptions(command);
  addFailedJobsOption(command);
  // Phase 2 on a BullMQ queue, run by `interplay worker` processes on any machine; this process stays the run folder's only writer.
  addQueueOptions(command, 'run the rollouts on a BullMQ queue in Redis (redis://host:port[/db]), taken by `interplay worker` processes; --concurrency is then the jobs on the queue at once');
  addModelOptions(command, ['agent', 'human', 'judge', 'reviewers', 'feedback', 'generator']);
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ interplay generate --domain retail --blueprints blueprints/retail --offline --fallible --trials 3 --out traces/r1',
      '  $ interplay generate --resume traces/r1',
      '  $ OPENAI_API_KEY=... interplay generate --domain retail --blueprints blueprints/retail --agent-model gpt-4o-mini --human-model gpt-4o-mini \\',
      '      --reviewer-model gpt-4o-mini gpt-4o gpt-4.1-mini --concurrency 64 --rpm 5000 --tpm 2000000 --max-cost 20',
    ].join('\n'),
  );
  command.action(lazyAction(async () => (await import('./generate.ts')).generateAction(command, io, hooks)));
}
