import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.ts';
import { CommandLine } from './command-line.ts';
import { registerAuthorCommand } from './commands/author-command.ts';
import { registerBlueprintsCommand } from './commands/blueprints-command.ts';
import { registerDataCommand } from './commands/data-command.ts';
import { registerDemoCommand } from './commands/demo-command.ts';
import { registerDomainsCommand } from './commands/domains-command.ts';
import { registerExportCommand } from './commands/export-command.ts';
import { registerGenerateCommand } from './commands/generate-command.ts';
import { registerImportCommand } from './commands/import-command.ts';
import { registerRegradeCommand } from './commands/regrade-command.ts';
import { registerReplayCommand } from './commands/replay-command.ts';
import { registerReportCommand } from './commands/report-command.ts';
import { registerRolloutCommand } from './commands/rollout-command.ts';
import { registerValidateCommand } from './commands/validate-command.ts';
import { registerWatchCommand } from './commands/watch-command.ts';
import { registerWorkerCommand } from './commands/worker-command.ts';
import { reportFailure } from './error-report.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { codeVersion } from '../package-root.ts';

export function buildProgram(io: CliIo): Command {
  const program = new Command('interplay')
    .description('Verified multi-turn tool-use trajectories: stateful domains, blueprints, simulated users, acceptance checks.')
    .version(codeVersion());
  for (const register of [registerDemoCommand, registerDomainsCommand, registerDataCommand, registerImportCommand, registerReplayCommand, registerRolloutCommand, registerGenerateCommand, registerRegradeCommand, registerExportCommand, registerBlueprintsCommand, registerValidateCommand, registerAuthorCommand, registerWatchCommand, registerReportCommand, registerWorkerCommand]) {
    register(program, io);
  }
  return program;
}

/**
 * Runs the CLI and returns the exit code (see EXIT_CODES): every command ends through `runProgram`'s
 * one error path.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let runFolder: string | undefined;
  const tracked: CliIo = { ...io, noteRunFolder: (folder) => void (runFolder = folder) };
  return runProgram(buildProgram(tracked), argv, io, () => runFolder);
}

/**
 * Runs a commander program (the whole CLI, or a test's program with one command) and ends it through
 * one error path: commander's usage errors, bad input, file system errors and bugs each become one
 * `error: ...` line and their exit code. `runFolder` tells where the command writes, once it knows.
 */
export async function runProgram(program: Command, argv: readonly string[], io: CliIo, runFolder: () => string | undefined = () => undefined): Promise<number> {
  const line = new CommandLine(program, io);
  let actionCommand: Command | undefined;
  program.hook('preAction', (_program, command) => void (actionCommand = command));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.success;
  } catch (error) {
    if (error instanceof CommanderError) {
      const usage = line.describe(error);
      if (usage.line) io.err(`${usage.line}\n`);
      return usage.exitCode;
    }
    const report = reportFailure(error, { argv, now: io.now(), runFolder: runFolder() ?? (await runFolderOf(actionCommand, io.cwd)), version: codeVersion() });
    if (report.line) io.err(`${report.line}\n`);
    return report.exitCode;
  }
}

/** The run folder a command names (`--out` or `--resume`), if it holds a run: where its crash trace goes. */
async function runFolderOf(command: Command | undefined, cwd: string): Promise<string | undefined> {
  // The store loads here, on the error path, not with the program: `interplay --help` needs none of it.
  const { RUN_MANIFEST_FILE } = await import('../store/run-folder.ts');
  const options = command?.opts() ?? {};
  for (const value of [options.resume, options.out]) {
    if (typeof value === 'string' && existsSync(join(resolve(cwd, value), RUN_MANIFEST_FILE))) return resolve(cwd, value);
  }
  return undefined;
}
