import { open } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidDataError } from '../domain-kit/index.ts';
import { isFailedJobTermination, terminationSchema } from '../rollout/termination.ts';
import { roleNameSchema } from '../rollout/trajectory.ts';
import { describeIssues } from './describe-issues.ts';
import { readFileLines } from './line-reader.ts';

/**
 * The failed jobs of a run: one line per job that ended for a reason outside the agent (an outage, an
 * endpoint that refused the key or the model, a cancel). Such a job is never graded and never written to
 * `trajectories.jsonl`. A job is failed when its latest record is here and the trajectory log has no
 * trajectory with its id: a resume runs it again, and a success there supersedes the record.
 */
export const FAILED_JOBS_FILE = 'failed-jobs.jsonl';
export const FAILED_JOB_SCHEMA_VERSION = 1;

export const failedJobRecordSchema = z.object({
  schemaVersion: z.literal(FAILED_JOB_SCHEMA_VERSION),
  jobId: z.string().min(1),
  blueprintId: z.string().min(1),
  attempt: z.number().int().nonnegative(),
  termination: terminationSchema.refine((termination) => isFailedJobTermination(termination.reason), { message: 'not a failed-job ending (infrastructure-error, endpoint-rejected or aborted)' }),
  /** The role whose model call failed; absent for a cancel. */
  role: roleNameSchema.optional(),
  model: z.string().optional(),
  at: z.iso.datetime(),
});
export type FailedJobRecord = z.infer<typeof failedJobRecordSchema>;

function parseRecord(raw: unknown, source: string, what: string): FailedJobRecord {
  const parsed = failedJobRecordSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError(what, source, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Reads every record of a failed-jobs file, each zod-parsed; a missing file has none. A last line a crash
 * cut short (no newline) is ignored; a bad line anywhere else names its line and field.
 */
export async function readFailedJobs(file: string): Promise<FailedJobRecord[]> {
  const records: FailedJobRecord[] = [];
  try {
    for await (const line of readFileLines(file)) {
      if (!line.terminated) break;
      let raw: unknown;
      try {
        raw = JSON.parse(line.text);
      } catch (error) {
        throw new InvalidDataError(`line ${line.number} is not valid JSON (${(error as Error).message})`, file);
      }
      records.push(parseRecord(raw, file, `line ${line.number} is not a valid failed-job record`));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return records;
}

/** The jobs that are failed now: the latest record of each job that has no trajectory, by job id. */
export function outstandingFailedJobs(records: Iterable<FailedJobRecord>, trajectoryIds: ReadonlySet<string>): Map<string, FailedJobRecord> {
  const latest = new Map<string, FailedJobRecord>();
  for (const record of records) if (!trajectoryIds.has(record.jobId)) latest.set(record.jobId, record);
  return latest;
}

/**
 * Appends failed-job records to a run's file, one line each, fsynced, in call order. The file is created
 * with the first record, so a run with no failed job has none. One writer per run folder (the run's).
 */
export class FailedJobLog {
  #queue: Promise<void> = Promise.resolve();
  #checkedTail = false;

  constructor(readonly file: string) {}

  /** Validates the record, then appends it; resolves once the line is on disk. */
  append(record: FailedJobRecord): Promise<void> {
    let line: string;
    try {
      line = `${JSON.stringify(parseRecord(record, this.file, 'refusing to log an invalid failed-job record'))}\n`;
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const write = this.#queue.then(async () => {
      const handle = await open(this.file, 'a+');
      try {
        // A line a crash cut short (no newline after it) is cut off first, as the trajectory log does: the
        // new record is never glued to it, and the file stays readable.
        if (!this.#checkedTail) {
          const contents = await handle.readFile();
          if (contents.length > 0 && contents[contents.length - 1] !== 0x0a) await handle.truncate(contents.lastIndexOf(0x0a) + 1);
          this.#checkedTail = true;
        }
        await handle.write(line);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    this.#queue = write.catch(() => undefined);
    return write;
  }
}
