import { resolve } from 'node:path';
import type { Command } from 'commander';
import { getDomain } from '../../../domains/index.ts';
import { exportFormatNames, exportFormats, exportRun, isExportFormatName, type ExportSummary } from '../../store/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';

interface ExportOptions {
  format: string;
  out: string;
  all?: boolean;
}

export function registerExportCommand(program: Command, io: CliIo) {
  const formats = exportFormatNames.map((name) => `  ${name.padEnd(10)} ${exportFormats[name].description}`).join('\n');
  program
    .command('export')
    .description("Export a run's trajectories for fine-tuning or evaluation (accepted ones only, unless --all).")
    .argument('<run>', 'a run folder (holding manifest.json and trajectories.jsonl)')
    .requiredOption('--format <name>', `${exportFormatNames.join(', ')}`)
    .requiredOption('--out <file>', 'the file to write (replaced atomically)')
    .option('--all', 'also export trajectories whose verdict did not keep them')
    .addHelpText('after', `\nFormats:\n${formats}\n\nExample:\n  $ interplay export --format sharegpt traces/retail-run --out retail-sharegpt.json`)
    .action(async (run: string, options: ExportOptions) => {
      if (!isExportFormatName(options.format)) {
        throw new UsageError(`unknown export format "${options.format}" (known: ${exportFormatNames.join(', ')})`);
      }
      const outFile = resolve(io.cwd, options.out);
      const summary = await exportRun({
        runFolder: resolve(io.cwd, run),
        format: options.format,
        outFile,
        all: Boolean(options.all),
        contextFor: (name) => {
          const domain = getDomain(name);
          return { policy: domain.policy, tools: domain.toolSchemas() };
        },
      });
      io.out(`${describeSummary(summary, options.format, outFile)}\n`);
    });
}

function count(amount: number, singular: string, pluralForm: string): string {
  return `${amount} ${amount === 1 ? singular : pluralForm}`;
}

function describeSummary(summary: ExportSummary, format: string, outFile: string): string {
  const skipped = [`${summary.skippedNotKept} not kept`];
  if (summary.tornTail) skipped.push(`1 torn last line (line ${summary.tornTail.line}, ${count(summary.tornTail.bytes, 'byte', 'bytes')})`);
  return `exported ${count(summary.exported, 'trajectory', 'trajectories')} as ${format} to ${outFile}; skipped ${skipped.join(', ')}`;
}
