import { Command, CommanderError } from 'commander';
import { InterplayError } from '../domain-kit/index.ts';
import type { CliIo } from './cli-io.ts';
import { UsageError } from './cli-io.ts';
import { registerAuthorCommand } from './commands/author.ts';
import { registerBlueprintsCommand } from './commands/blueprints.ts';
import { registerDataCommand } from './commands/data.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDomainsCommand } from './commands/domains.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerRegradeCommand } from './commands/regrade.ts';
import { registerReplayCommand } from './commands/replay.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerRolloutCommand } from './commands/rollout.ts';
import { registerValidateCommand } from './commands/validate.ts';
import { registerWatchCommand } from './commands/watch.ts';

export function buildProgram(io: CliIo): Command {
  const program = new Command('interplay')
    .description('Verified multi-turn tool-use trajectories: stateful domains, blueprints, simulated users, acceptance checks.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of [registerDemoCommand, registerDomainsCommand, registerDataCommand, registerImportCommand, registerReplayCommand, registerRolloutCommand, registerGenerateCommand, registerRegradeCommand, registerExportCommand, registerBlueprintsCommand, registerValidateCommand, registerAuthorCommand, registerWatchCommand, registerReportCommand]) {
    register(program, io);
  }
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

/**
 * Runs the CLI and returns the exit code. Errors a user can fix (bad input) print one clear line;
 * anything else is a bug and prints its stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(buildProgram(io), argv, io);
}

/** Runs a commander program (the whole CLI, or a test's program with one command) with the CLI's exit codes. */
export async function runProgram(program: Command, argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError || error instanceof InterplayError) {
      io.err(`error: ${error.message}\n`);
      return 1;
    }
    io.err(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}
