import { describeRunLockTakeover, thisProcessWriter, type RunFolder, type RunFolderWriterOptions } from '../store/index.ts';
import type { CliIo } from './cli-io.ts';
import { reachStopPoint } from './test-stop-point.ts';

/**
 * How a command writes a run folder: this process as the writer named by `command`, `--break-lock` if
 * given, and the test stop points. A command without --break-lock tells a refused writer to pick another
 * folder instead.
 */
export function runWriterOptions(io: CliIo, command: string, lock: { breakLock?: boolean | undefined; canBreakLock: boolean }): RunFolderWriterOptions {
  return {
    writer: thisProcessWriter(command),
    ...(lock.breakLock ? { breakLock: true } : {}),
    ...(lock.canBreakLock ? {} : { refusalHint: 'choose another --out' }),
    checkpoint: (point, count) => reachStopPoint(io, point, count),
  };
}

/** Says in one line (on stderr) whose lock the run was taken from, when it was. */
export function announceLockTakeover(run: RunFolder, io: CliIo): void {
  if (run.lockTakeover) io.err(`${describeRunLockTakeover(run.paths.folder, run.lockTakeover)}\n`);
}
