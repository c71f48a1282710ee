import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const mainModule = fileURLToPath(new URL('../../../../src/cli/main.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

/** A long-running `interplay` child (a worker, a coordinator) a test can watch, signal and kill. */
export interface InterplayChild {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout has matched `pattern` (at once if it already has). */
  waitFor(pattern: RegExp): Promise<void>;
  /** The exit code (128 + n for a signal), once the child is gone. */
  exited: Promise<number>;
}

export function startInterplay(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): InterplayChild {
  const child = spawn(process.execPath, ['--import', tsxLoader, mainModule, ...argv], {
    cwd: options.cwd ?? projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(stdout)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const signals: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  const exited = new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? (signals[signal] ?? 0) : 0))));
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: (pattern) =>
      pattern.test(stdout)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            watchers.push({ pattern, resolve });
            void exited.then((code) => reject(new Error(`interplay ${argv.join(' ')} exited (${code}) before printing ${pattern}: ${stdout}${stderr}`)));
          }),
    exited,
  };
}

/** A worker process on a queue, ready once it says so. Stalled jobs are looked for every 500 ms. */
export async function startWorkerProcess(url: string, name: string, options: { concurrency?: number; env?: Record<string, string> } = {}): Promise<InterplayChild> {
  const worker = startInterplay(['worker', '--queue', url, '--queue-name', name, '--concurrency', String(options.concurrency ?? 2), '--stalled-interval', '500', '--lock-duration', '2000'], options.env ? { env: options.env } : {});
  await worker.waitFor(/worker: taking jobs/);
  return worker;
}
