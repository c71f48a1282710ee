import type { Command } from 'commander';
import { exportFormatNames, exportFormats } from '../../store/exports/export-formats.ts';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

/** `interplay export`: its arguments, options and help; what it does (export.ts) loads when it runs. */
export function registerExportCommand(program: Command, io: CliIo) {
  const formats = exportFormatNames.map((name) => `  ${name.padEnd(10)} ${exportFormats[name].description}`).join('\n');
  program
    .command('export')
    .description("Export a run's trajectories for fine-tuning or evaluation. Every trajectory is graded again first: only those whose verdict holds are exported (unless --all).")
    .argument('<run>', 'a run folder (holding manifest.json, inputs.json and trajectories.jsonl)')
    .requiredOption('--format <name>', `${exportFormatNames.join(', ')}`)
    .requiredOption('--out <file>', 'the file to write (replaced atomically)')
    .option('--all', 'also export trajectories whose verdict did not keep them')
    .option('--all-successes', 'sharegpt, openai: keep identical conversations (by default each is exported once, as APIGen-MT keeps unique successes)')
    .option('--policy-text <file>', "sharegpt, openai: the system prompt of every record, e.g. tau-bench's wiki.md (runs on tasks imported from tau-bench only)")
    .option('--tool-text <file>', "sharegpt, openai: the tools of every record, e.g. tau-bench's tool_schemas.json (runs on tasks imported from tau-bench only)")
    .option('--include-reasoning', "sharegpt, openai: keep the agent's reasoning (sharegpt: a <think> block opening the gpt turn; openai: the assistant's reasoning_content)")
    .addHelpText(
      'after',
      `\nFormats:\n${formats}\n\nExamples:\n  $ interplay export --format sharegpt traces/retail-run --out retail-sharegpt.json\n  $ interplay export --format sharegpt traces/tau-retail-run --out retail.json \\\n      --policy-text ../shared/peers/tau-bench/tau-bench/retail/wiki.md --tool-text ../shared/peers/tau-bench/tau-bench/tool_schemas.json`,
    )
    .action(lazyAction(async () => (await import('./export.ts')).exportAction(io)));
}
