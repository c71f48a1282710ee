/** What a command may touch outside the engine: output streams, the clock, the environment, the cwd. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  now(): Date;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is an interactive terminal (live UI) or a pipe/CI (plain lines). */
  isTerminal: boolean;
  /** Told the run folder a command writes once it exists: the error path puts a crash trace there. */
  noteRunFolder?: (folder: string) => void;
  /**
   * Test hook: called at each point where a killed run writer leaves a distinct state in its run folder
   * (see RunFolderCheckpoint); in-process kill-point tests copy the folder there. A real process stops
   * there instead when INTERPLAY_TEST_STOP_AT names the point (src/cli/test-stop-point.ts).
   */
  stopPoint?: (point: string, count: number) => void;
}

/** A command failure the user caused (bad flag value, file, id): printed as one `error: ...` line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

