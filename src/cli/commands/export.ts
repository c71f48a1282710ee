import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { getDomain } from '../../../domains/index.ts';
import { InvalidDataError } from '../../domain-kit/index.ts';
import { describeDuplicates, exportFormatNames, exportFormats, exportRun, isExportFormatName, parseToolText, type ExportContext, type ExportSummary, type VerdictNotHeld } from '../../store/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';

interface ExportOptions {
  format: string;
  out: string;
  all?: boolean;
  allSuccesses?: boolean;
  policyText?: string;
  toolText?: string;
  includeReasoning?: boolean;
}

/** How many contradicted verdicts are listed one by one (the count is always given). */
const LISTED_VERDICTS = 20;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidDataError(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file);
  }
}

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
    .action(async (run: string, options: ExportOptions) => {
      if (!isExportFormatName(options.format)) {
        throw new UsageError(`unknown export format "${options.format}" (known: ${exportFormatNames.join(', ')})`);
      }
      const training = exportFormats[options.format].training;
      const trainingFlags = [options.allSuccesses && '--all-successes', options.policyText && '--policy-text', options.toolText && '--tool-text', options.includeReasoning && '--include-reasoning'].filter(Boolean);
      if (!training && trainingFlags.length > 0) throw new UsageError(`${trainingFlags.join(', ')}: only for the training formats (sharegpt, openai), not ${options.format}`);
      const policyText = options.policyText ? readText(resolve(io.cwd, options.policyText)) : undefined;
      const toolText = options.toolText ? { file: resolve(io.cwd, options.toolText), text: readText(resolve(io.cwd, options.toolText)) } : undefined;
      const outFile = resolve(io.cwd, options.out);
      const summary = await exportRun({
        runFolder: resolve(io.cwd, run),
        format: options.format,
        outFile,
        all: Boolean(options.all),
        allSuccesses: Boolean(options.allSuccesses),
        tauBenchTexts: policyText !== undefined || toolText !== undefined,
        contextFor: (name): ExportContext => {
          const domain = getDomain(name);
          return {
            policy: domain.policy,
            tools: toolText ? parseToolText(toolText.text, toolText.file, { name, toolNames: domain.tools.map((tool) => tool.name) }) : domain.toolSchemas(),
            ...(policyText !== undefined ? { systemPrompt: policyText } : {}),
            includeReasoning: Boolean(options.includeReasoning),
          };
        },
        loadData: (name, dataFolder) => loadDomain(name, dataFolder ?? undefined, io.cwd),
      });
      io.out(`${describeSummary(summary, options.format, outFile)}\n`);
    });
}

function count(amount: number, singular: string, pluralForm: string): string {
  return `${amount} ${amount === 1 ? singular : pluralForm}`;
}

const verdictText = (verdict: VerdictNotHeld['now']) => (verdict.kept ? 'kept' : `rejected (${verdict.reason})`);

function describeSummary(summary: ExportSummary, format: string, outFile: string): string {
  const skipped = [`${summary.skippedNotKept} not kept`];
  if (summary.skippedDuplicates > 0) skipped.push(`${count(summary.skippedDuplicates, 'duplicate', 'duplicates')} of an exported conversation`);
  if (summary.skippedFailedJobs > 0) skipped.push(`${count(summary.skippedFailedJobs, 'failed job', 'failed jobs')}`);
  if (summary.tornTail) skipped.push(`1 torn last line (line ${summary.tornTail.line}, ${count(summary.tornTail.bytes, 'byte', 'bytes')})`);
  const lines = [`exported ${count(summary.exported, 'trajectory', 'trajectories')} as ${format} to ${outFile}; skipped ${skipped.join(', ')}`];
  if (summary.duplicates) lines.push(describeDuplicates(summary.log, summary.duplicates));
  const notHeld = summary.verdictsNotHeld;
  lines.push(`graded again before export: ${notHeld.length === 0 ? 'every stored verdict held' : `${count(notHeld.length, 'stored verdict', 'stored verdicts')} did not hold`}`);
  for (const entry of notHeld.slice(0, LISTED_VERDICTS)) lines.push(`  ${entry.trajectoryId}: stored ${verdictText(entry.stored)}, now ${verdictText(entry.now)}`);
  if (notHeld.length > LISTED_VERDICTS) lines.push(`  … and ${notHeld.length - LISTED_VERDICTS} more`);
  return lines.join('\n');
}
