import { readSync, writeSync } from 'node:fs';
import type { CliIo } from './cli-io.ts';

/**
 * The test-only environment variable that stops a real CLI process at one checkpoint of its run folder
 * (`before-manifest`, or `after-append:3` for the third): the process prints `stopped at <point>:<count>` on
 * stderr and blocks — its event loop with it, so nothing else moves — until a line arrives on stdin. The
 * kill-point tests SIGKILL it there; the write-failure tests break a file, then let it go on.
 */
export const STOP_POINT_VARIABLE = 'INTERPLAY_TEST_STOP_AT';

/** Reaches a checkpoint: the in-process hook when a test gave one, else the environment variable's stop. */
export function reachStopPoint(io: CliIo, point: string, count: number): void {
  if (io.stopPoint) {
    io.stopPoint(point, count);
    return;
  }
  const wanted = io.env[STOP_POINT_VARIABLE];
  if (wanted !== point && wanted !== `${point}:${count}`) return;
  writeSync(2, `stopped at ${point}:${count}\n`);
  const byte = Buffer.alloc(1);
  for (;;) {
    let read: number;
    try {
      read = readSync(0, byte, 0, 1, null);
    } catch (error) {
      // A non-blocking stdin has nothing yet: ask again (this path only runs under a test).
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw error;
    }
    if (read === 0 || byte[0] === 0x0a) return;
  }
}
