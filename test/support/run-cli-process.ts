import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './run-cli.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const mainModule = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx's loader, resolved from the project so the child may run in any folder. */
const tsxLoader = import.meta.resolve('tsx');

/**
 * Runs the real CLI as a child process (`node --import tsx src/cli/main.ts ...`): the exit code and
 * streams as a shell sees them. `closeStdout` closes the reading end of stdout at once, as `| head`
 * does once it has its lines, so every write the CLI makes meets a closed pipe (EPIPE).
 */
export function runInterplayProcess(argv: readonly string[], options: { cwd?: string; closeStdout?: boolean } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, mainModule, ...argv], {
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
