import { CommanderError } from 'commander';
import { InterplayError } from '../../../src/domain-kit/index.ts';
import { UsageError, type CliIo } from '../../../src/cli/cli-io.ts';
import { registerGenerateCommand, type GenerateCommandHooks } from '../../../src/cli/commands/generate.ts';
import { buildProgram } from '../../../src/cli/program.ts';

export interface GenerateRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `interplay generate` in-process, the way `runCli` runs any command (same exit codes and error
 * lines), with captured output, a fixed clock and no environment. The command is registered here
 * until the CLI's program registers it.
 */
export async function runGenerate(argv: string[], options: { cwd?: string; env?: Record<string, string>; hooks?: GenerateCommandHooks; isTerminal?: boolean } = {}): Promise<GenerateRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTerminal: options.isTerminal ?? false,
  };
  const program = buildProgram(io);
  if (!program.commands.some((command) => command.name() === 'generate')) registerGenerateCommand(program, io, options.hooks);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  let code = 0;
  try {
    await program.parseAsync(['generate', ...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2;
    else if (error instanceof UsageError || error instanceof InterplayError) {
      io.err(`error: ${error.message}\n`);
      code = 1;
    } else {
      io.err(`internal error: ${(error as Error).stack ?? String(error)}\n`);
      code = 70;
    }
  }
  return { code, stdout, stderr };
}
