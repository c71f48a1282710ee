import type { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';

/** Every command under a program, the program included. */
const allCommands = (command: Command): Command[] => [command, ...command.commands.flatMap(allCommands)];

/** `interplay data check`: how a user types the command. */
const commandPath = (command: Command): string => (command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name());

/** The option names a command accepts, its ancestors' included (`--help` and `--version` too). */
function knownFlags(command: Command): Set<string> {
  const flags = new Set(['--help', '-h']);
  for (let current: Command | null = command; current; current = current.parent) {
    for (const option of current.options) {
      if (option.long) flags.add(option.long);
      if (option.short) flags.add(option.short);
    }
  }
  return flags;
}

/**
 * The command line's usage errors, the way a user should see them: commander's own printing is turned
 * off (no help after an error), each error becomes one `error: ...` line that points at
 * `interplay <command> --help`, and every usage error exits 2.
 */
export class CommandLine {
  /** The command that raised the last usage error (commander does not say in the error itself). */
  #failing: Command | undefined;

  constructor(program: Command, io: CliIo) {
    for (const command of allCommands(program)) {
      command.exitOverride().configureOutput({
        writeOut: io.out,
        writeErr: io.err,
        outputError: () => void (this.#failing = command),
      });
    }
  }

  /** The exit code and line for a commander error (none for `--help` and `--version`, which exit 0). */
  describe(error: CommanderError): { exitCode: ExitCode; line: string | undefined } {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { exitCode: EXIT_CODES.success, line: undefined };
    // No subcommand given: commander printed that command's help, which is the answer.
    if (error.code === 'commander.help') return { exitCode: error.exitCode === 0 ? EXIT_CODES.success : EXIT_CODES.usage, line: undefined };
    const failing = this.#failing;
    const reported = (error.code === 'commander.missingMandatoryOptionValue' && failing && this.unknownOptionOf(failing)) || error;
    const message = reported.message
      .replace(/^error: /, '')
      .replace(/\n\(Did you mean (.*)\?\)$/s, (_, suggestion: string) => ` (did you mean ${suggestion}?)`)
      .replace(/\.$/, '');
    const help = failing ? `; see \`${commandPath(failing)} --help\`` : '';
    return { exitCode: EXIT_CODES.usage, line: `error: ${message.charAt(0).toLowerCase()}${message.slice(1)}${help}` };
  }

  /**
   * Commander checks required options before unknown ones, so `--domian retail` was reported as
   * "required option --domain not specified". An unknown flag is the real mistake: it is reported
   * instead, with commander's "did you mean" suggestion.
   */
  private unknownOptionOf(command: Command): CommanderError | undefined {
    const known = knownFlags(command);
    const stop = command.args.indexOf('--');
    const unknown = (stop === -1 ? command.args : command.args.slice(0, stop)).find((token) => token.startsWith('-') && token !== '-' && !known.has(token.split('=')[0] as string));
    if (!unknown) return undefined;
    try {
      // Commander's own report, for its suggestion; it is not in the typings, but it is how parsing reports one.
      (command as Command & { unknownOption(flag: string): never }).unknownOption(unknown.split('=')[0] as string);
    } catch (error) {
      return error as CommanderError;
    }
    return undefined;
  }
}
