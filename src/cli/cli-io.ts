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
 * Jobs failed for reasons outside the agent (an outage, a refused key or model, a cancel): the command
 * printed what it did, then this one line; exit code 3.
 */
export class FailedJobsError extends Error {
  override readonly name = 'FailedJobsError';
  readonly exitCode = 3;
}
