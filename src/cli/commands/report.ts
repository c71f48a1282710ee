import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildRunReport, loadReportAssets, writeReport } from '../../report/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';

interface ReportOptions {
  out?: string;
  open?: boolean;
}

/** The file report writes by default: report.html inside the run folder. */
export const defaultReportFile = (runFolder: string) => join(runFolder, 'report.html');

/** A path as people read it: relative to the working folder when inside it, else absolute. */
const shown = (cwd: string, file: string) => (relative(cwd, file).startsWith('..') ? file : relative(cwd, file));

/** Opens a file with the desktop's viewer (detached: the command does not wait for the browser). */
function openFile(file: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [file], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

/**
 * Writes a run's HTML report. The data the run used is loaded again to re-grade and diagnose its trajectories;
 * when it is gone or changed, the report shows the stored verdicts and says so.
 */
export async function writeRunReport(folder: string, htmlFile: string, io: CliIo): Promise<string[]> {
  const report = await buildRunReport(folder, {
    htmlName: htmlFile.split(/[\\/]/).pop() as string,
    resolveGrading: (manifest, inputs) => {
      if (!inputs) return undefined;
      try {
        const loaded = loadDomain(manifest.domain, inputs.dataFolder ?? undefined, io.cwd);
        return loaded.base.hash() === inputs.baseHash ? loaded : undefined;
      } catch {
        return undefined;
      }
    },
  });
  return writeReport(htmlFile, report, loadReportAssets());
}

/** What `interplay report` does (its command line is in report-command.ts). */
export function reportAction(io: CliIo) {
  return async (run: string, options: ReportOptions) => {
    const folder = resolve(io.cwd, run);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`no such run folder: ${folder}`);
    const htmlFile = resolve(io.cwd, options.out ?? defaultReportFile(folder));
    if (!/\.html?$/i.test(htmlFile)) throw new UsageError(`--out must name an .html file, got "${options.out}"`);
    const written = await writeRunReport(folder, htmlFile, io);
    const pages = written.length - 1;
    io.out(`report: ${shown(io.cwd, htmlFile)}${pages > 0 ? ` (+${pages} file(s) beside it)` : ''}\n`);
    if (options.open) openFile(htmlFile);
  };
}
