import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** What `interplay export` does (its command line is in export-command.ts). */
export function exportAction(io: CliIo) {
  return async (run: string, options: ExportOptions) => {
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
  };
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
