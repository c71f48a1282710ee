/** What a command may touch outside the engine: output streams, the clock, the environment, the cwd. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  now(): Date;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is an interactive terminal (live UI) or a pipe/CI (plain lines). */
  isTerminal: boolean;
}

/** A command failure the user caused (bad flag, file, id): printed as one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Work that did not finish because of the world, not the input: an outage, an endpoint that refused
 * the key or the model, a cancellation (e.g. blueprints whose validation did not finish). One line, exit code 3.
 */
export class UnfinishedWorkError extends Error {
  override readonly name = 'UnfinishedWorkError';
  readonly exitCode = 3;
}
