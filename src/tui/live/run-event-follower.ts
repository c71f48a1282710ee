import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchEvent, RunEventListener } from '../../batch/batch-events.ts';
import { EVENT_LOG_FILE } from '../../batch/event-log.ts';
import { trajectorySchema } from '../../rollout/trajectory.ts';
import { TRAJECTORY_LOG_FILE } from '../../store/index.ts';
import { parseBatchEvent } from './batch-event-schema.ts';
import { timerScheduler, type Scheduler } from './live-view-store.ts';

/** The append-only event log the batch engine writes into a run folder, one event per line (see BatchEventRecorder). */
export const RUN_EVENTS_FILE = EVENT_LOG_FILE;

/** What a run folder can be watched through: its event log, or else its trajectory log. */
export interface RunEventSource {
  kind: 'events' | 'trajectories';
  file: string;
}

/** The event log when there is one, else the trajectory log, else undefined. */
export function findRunEventSource(folder: string): RunEventSource | undefined {
  const events = join(folder, RUN_EVENTS_FILE);
  if (existsSync(events)) return { kind: 'events', file: events };
  const trajectories = join(folder, TRAJECTORY_LOG_FILE);
  if (existsSync(trajectories)) return { kind: 'trajectories', file: trajectories };
  return undefined;
}

export interface FollowStats {
  /** Complete lines read. */
  lines: number;
  /** Complete lines that were not valid JSON or not a valid event / trajectory: skipped. */
  invalidLines: number;
  /** Events of a type this version does not know: skipped. */
  unknownEvents: number;
  /** Bytes of an unterminated last line waiting for the writer to finish it. */
  pendingBytes: number;
  /** The run announced its end (`phase: done`). */
  finished: boolean;
}

export interface FollowOptions {
  /** Keep reading what is appended (until the run says it is done); false reads once. */
  follow: boolean;
  scheduler?: Scheduler;
  pollMs?: number;
  /** Reading failed (the file vanished, a disk error): following stops. */
  onError?: (error: Error) => void;
}

export interface RunEventFollower {
  /** Settles once everything present when following started has been delivered. */
  readonly caughtUp: Promise<void>;
  readonly stats: Readonly<FollowStats>;
  stop(): void;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 256 * 1024;

/** The events a trajectory log line stands for: the rollout's end. */
function trajectoryLineEvents(raw: unknown): BatchEvent[] | 'invalid' {
  const parsed = trajectorySchema.safeParse(raw);
  if (!parsed.success) return 'invalid';
  return [{ type: 'job-end', jobId: parsed.data.id, trajectory: parsed.data, at: parsed.data.timings.endedAt }];
}

/**
 * Reads a run's log from the start and delivers its events, then (when following) polls for what
 * another process appends. Read-only: it never writes, locks or repairs the file. Only complete lines
 * are read; an unterminated last line (a write in progress, or a crash) waits until it is finished.
 */
export function followRunEvents(source: RunEventSource, listener: RunEventListener, options: FollowOptions): RunEventFollower {
  const scheduler = options.scheduler ?? timerScheduler;
  const pollMs = options.pollMs ?? 250;
  const stats: FollowStats = { lines: 0, invalidLines: 0, unknownEvents: 0, pendingBytes: 0, finished: false };
  let stopped = false;
  let cancelPoll: (() => void) | undefined;
  let handle: FileHandle | undefined;
  let offset = 0;
  let carry = Buffer.alloc(0);

  const deliverLine = (text: string) => {
    stats.lines++;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      stats.invalidLines++;
      return;
    }
    const events = source.kind === 'events' ? parseBatchEvent(raw) : trajectoryLineEvents(raw);
    if (events === 'invalid') stats.invalidLines++;
    else if (events === 'unknown') stats.unknownEvents++;
    else {
      for (const event of Array.isArray(events) ? events : [events]) {
        if (event.type === 'phase' && event.phase === 'done') stats.finished = true;
        listener(event);
      }
    }
  };

  /** Reads to the current end of the file, delivering every complete line. */
  const readToEnd = async () => {
    handle ??= await open(source.file, 'r');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      if (stopped) return;
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      let chunk = Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const text = chunk.subarray(start, end).toString('utf8');
        start = end + 1;
        if (text.trim() !== '' && !stopped) deliverLine(text);
      }
      chunk = chunk.subarray(start);
      carry = Buffer.from(chunk);
    }
    stats.pendingBytes = carry.length;
  };

  const close = () => {
    const closing = handle;
    handle = undefined;
    void closing?.close().catch(() => undefined);
  };

  // One read at a time; stopping waits for the read in flight before closing the file.
  let reading: Promise<void> = Promise.resolve();
  const read = () => (reading = readToEnd());

  const fail = (error: unknown) => {
    if (stopped) return;
    stopped = true;
    close();
    options.onError?.(error as Error);
  };

  const poll = () => {
    cancelPoll = undefined;
    if (stopped) return;
    read().then(() => {
      if (stopped) return;
      if (stats.finished) close();
      else cancelPoll = scheduler(poll, pollMs);
    }, fail);
  };

  const caughtUp = read().then(
    () => {
      if (stopped) return;
      if (options.follow && !stats.finished) cancelPoll = scheduler(poll, pollMs);
      else close();
    },
    (error: unknown) => {
      if (stopped) return;
      fail(error);
      throw error;
    },
  );

  return {
    caughtUp,
    stats,
    stop() {
      stopped = true;
      cancelPoll?.();
      cancelPoll = undefined;
      void reading.catch(() => undefined).finally(close);
    },
  };
}
