// A child-process entry for `interplay generate` (the resume tests SIGKILL it): the real CLI, with the
// generate command registered if the program does not register it yet.
import { CommanderError } from 'commander';
import { registerGenerateCommand } from '../../../src/cli/commands/generate-command.ts';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { buildProgram, runCli } from '../../../src/cli/program.ts';

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  now: () => new Date(),
  env: process.env,
  cwd: process.cwd(),
  isTerminal: false,
};
const registered = buildProgram(io).commands.some((command) => command.name() === 'generate');
if (registered) {
  process.exitCode = await runCli(process.argv.slice(2), io);
} else {
  const program = buildProgram(io);
  registerGenerateCommand(program, io);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(process.argv.slice(2), { from: 'user' });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = error instanceof CommanderError ? 2 : 1;
  }
}
