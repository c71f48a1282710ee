import { Command } from 'commander';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import type { GenerateCommandHooks } from '../../../src/cli/commands/generate.ts';
import { registerGenerateCommand } from '../../../src/cli/commands/generate-command.ts';
import { runProgram } from '../../../src/cli/program.ts';

export interface GenerateRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `interplay generate` in-process with the CLI's exit codes and error lines, captured output, a
 * fixed clock, no environment, and the test's hooks (events, clock) on a program of its own.
 */
export async function runGenerate(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; hooks?: GenerateCommandHooks; isTerminal?: boolean; stopPoint?: CliIo['stopPoint'] } = {},
): Promise<GenerateRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTerminal: options.isTerminal ?? false,
    ...(options.stopPoint ? { stopPoint: options.stopPoint } : {}),
  };
  const program = new Command('interplay').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerGenerateCommand(program, io, options.hooks);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  const code = await runProgram(program, ['generate', ...argv], io);
  return { code, stdout, stderr };
}
