import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { terminationReasonSchema } from '../rollout/termination.ts';
import { readFileLines } from '../store/index.ts';

/** The batch's record of jobs that failed for reasons outside the agent (one JSON line per failure). */
export const FAILED_JOBS_FILE = 'failed-jobs.jsonl';

const failedJobLineSchema = z.object({
  schemaVersion: z.literal(1),
  jobId: z.string(),
  blueprintId: z.string(),
  attempt: z.number().int().nonnegative(),
  termination: z.object({ reason: terminationReasonSchema, detail: z.string().optional() }),
  role: z.enum(['human', 'agent', 'judge']).optional(),
  model: z.string().optional(),
  at: z.string(),
});
export type FailedJobLine = z.infer<typeof failedJobLineSchema>;

/**
 * The latest record of each failed job in a run folder, in file order; an absent file is no failed job. A
 * line that does not parse is counted in `unreadable` and skipped (a report shows what it can).
 */
export async function readFailedJobs(folder: string): Promise<{ jobs: Map<string, FailedJobLine>; unreadable: number }> {
  const file = join(folder, FAILED_JOBS_FILE);
  const jobs = new Map<string, FailedJobLine>();
  let unreadable = 0;
  if (!existsSync(file)) return { jobs, unreadable };
  for await (const line of readFileLines(file)) {
    if (line.text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch {
      unreadable++;
      continue;
    }
    const parsed = failedJobLineSchema.safeParse(raw);
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    jobs.delete(parsed.data.jobId);
    jobs.set(parsed.data.jobId, parsed.data);
  }
  return { jobs, unreadable };
}
