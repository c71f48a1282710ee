import { runCli } from '../../src/cli/program.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, a fixed clock and no environment. */
export async function runInterplay(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTerminal: false,
  });
  return { code, stdout, stderr };
}
