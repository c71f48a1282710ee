import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFreshness, COMPILED_MAIN } from '../../bin/build-freshness.js';
import type { CliRun } from './run-cli.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const sourceMain = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx's loader, resolved from the project so the child may run in any folder. */
const tsxLoader = import.meta.resolve('tsx');

/**
 * Which code a spawned CLI runs: `compiled` is dist/ (what `npx interplay` runs), `sources` is the
 * TypeScript through tsx. `fresh-build` (the default) takes dist/ when it was built from the sources as
 * they are now, else the sources: never code older than what is being tested, and no compile per
 * spawn when `npm run build` (or `npm install`) ran since the last edit.
 */
export type CliEntry = 'compiled' | 'sources' | 'fresh-build';

/** The node arguments that start the CLI from an entry (a compiled main.js elsewhere than dist/ too). */
export function cliArguments(entry: CliEntry | { compiledMain: string } = 'fresh-build'): string[] {
  if (typeof entry === 'object') return [entry.compiledMain];
  const compiled = entry === 'compiled' || (entry === 'fresh-build' && buildFreshness(projectRoot) === 'fresh');
  return compiled ? [join(projectRoot, COMPILED_MAIN)] : ['--import', tsxLoader, sourceMain];
}

/**
 * Runs the real CLI as a child process: the exit code and streams as a shell sees them. `closeStdout`
 * closes the reading end of stdout at once, as `| head` does once it has its lines, so every write the
 * CLI makes meets a closed pipe (EPIPE).
 */
export function runInterplayProcess(argv: readonly string[], options: { cwd?: string; closeStdout?: boolean; entry?: CliEntry | { compiledMain: string } } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliArguments(options.entry), ...argv], {
      cwd: options.cwd ?? projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
}
