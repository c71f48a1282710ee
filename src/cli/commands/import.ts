import { resolve } from 'node:path';
import { getDomain } from '../../../domains/index.ts';
import { pythonJsonDumps } from '../../domain-kit/index.ts';
import { importTauBench } from '../../interop/import-tau-bench.ts';
import { importTauBenchResults, type ImportTauBenchResultsResult } from '../../interop/import-tau-bench-results.ts';
import type { CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { codeVersion } from '../run-setup.ts';
import { runWriterOptions } from '../run-writer.ts';

/** How many disagreements the plain summary lists one by one (--json lists them all). */
const LISTED_DISAGREEMENTS = 20;

const percent = (part: number, whole: number) => (whole === 0 ? '100.0' : ((100 * part) / whole).toFixed(1));

function describeAgreement({ runFolder, agreement }: ImportTauBenchResultsResult, domain: string): string {
  const lines = [
    `graded ${agreement.entries} tau-bench results (${domain}) into ${runFolder}`,
    `tau-bench rewarded ${agreement.tau_successes}, interplay kept ${agreement.kept}: they agree on ${agreement.agree} of ${agreement.entries} (${percent(agreement.agree, agreement.entries)}%)`,
  ];
  for (const result of agreement.disagreements.slice(0, LISTED_DISAGREEMENTS)) {
    lines.push(`  task ${result.task_id} trial ${result.trial}: tau-bench reward ${result.tau_reward}, interplay ${result.kept ? 'kept' : `rejected (${result.reason})`}`);
  }
  if (agreement.disagreements.length > LISTED_DISAGREEMENTS) lines.push(`  … and ${agreement.disagreements.length - LISTED_DISAGREEMENTS} more (--json lists them all)`);
  return `${lines.join('\n')}\n`;
}

/** What `interplay import tau-bench` does (its command line is in import-command.ts). */
export function importTauBenchAction(io: CliIo) {
  return (options: { domain: string; data: string; tasks?: string; out: string; force?: boolean }) => {
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
    const exceptions = result.policyExceptions.map((entry) => `\n${entry.id}: tau-bench's gold breaks ${entry.rules.join(', ')} (recorded as provenance.policyExceptions: validation accepts exactly these, as warnings)`).join('');
    io.out(`imported ${counts} and ${result.blueprints} blueprints into ${result.outFolder}\nstate hash ${result.hash}${identification}${exceptions}\n`);
  };
}

/** What `interplay import tau-bench-results` does (its command line is in import-command.ts). */
export function importTauBenchResultsAction(io: CliIo) {
  return async (options: { domain: string; data: string; results: string; out: string; json?: boolean }) => {
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const imported = await importTauBenchResults({
      domain,
      base,
      dataFolder: resolve(io.cwd, options.data),
      resultsFile: resolve(io.cwd, options.results),
      outFolder: resolve(io.cwd, options.out),
      codeVersion: codeVersion(),
      now: io.now(),
      writing: runWriterOptions(io, 'import tau-bench-results', { canBreakLock: false }),
    });
    if (!options.json) {
      io.out(describeAgreement(imported, domain.name));
      return;
    }
    for (const { task_id, trial, tau_reward, state_match, outputs_ok, kept } of imported.results) io.out(`${pythonJsonDumps({ task_id, trial, tau_reward, state_match, outputs_ok, kept })}\n`);
    io.out(`${pythonJsonDumps({ summary: imported.agreement, run: imported.runFolder })}\n`);
  };
}
