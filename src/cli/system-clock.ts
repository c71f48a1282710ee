import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchClock } from '../batch/batch-clock.ts';
import type { CliIo } from './cli-io.ts';

/** The real clock for the engine: the CLI's `now`, and timers that an AbortSignal cuts short. */
export function systemClock(io: CliIo): BatchClock {
  return {
    now: () => io.now().getTime(),
    sleep: (ms, signal) => (ms <= 0 ? Promise.resolve() : sleep(ms, undefined, signal ? { signal } : {})),
  };
}
