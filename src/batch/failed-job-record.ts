import type { FailedJobError } from '../rollout/failed-job.ts';
import { FAILED_JOB_SCHEMA_VERSION, type FailedJobRecord } from '../store/failed-job-log.ts';
import type { BatchStop } from './batch-events.ts';
import type { RolloutJob } from './rollout-job.ts';

/** The failed-jobs.jsonl line of a job that ended as a failed job. */
export function failedJobRecord(job: RolloutJob, error: FailedJobError, at: string): FailedJobRecord {
  const { termination, role, model } = error.failedJob;
  return { schemaVersion: FAILED_JOB_SCHEMA_VERSION, jobId: job.id, blueprintId: job.blueprint.id, attempt: job.attempt, termination, ...(role ? { role } : {}), ...(model ? { model } : {}), at };
}

/** Whether a failed job counts toward `--max-failed-jobs`: it failed on its own (a cancel the batch made does not). */
export const failedOnItsOwn = (record: FailedJobRecord) => record.termination.reason !== 'aborted';

/**
 * Whether a failed job stops the batch. The first endpoint rejection (401/403/404) does, at once: every
 * other job would be refused the same way, so the running ones are cancelled too (`cancelRunning`).
 * Reaching `maxFailedJobs` failures of their own (a long outage) stops new starts; running jobs finish.
 */
export function stopForFailedJob(
  record: FailedJobRecord,
  counts: { failedOnTheirOwn: number; maxFailedJobs: number | undefined; notStarted: number },
): { stop: BatchStop; cancelRunning: boolean } | undefined {
  const { failedOnTheirOwn, maxFailedJobs, notStarted } = counts;
  if (record.termination.reason === 'endpoint-rejected') {
    const { role, model, termination } = record;
    return { stop: { reason: 'endpoint-rejected', ...(role ? { role } : {}), ...(model ? { model } : {}), ...(termination.detail ? { detail: termination.detail } : {}), notStarted }, cancelRunning: true };
  }
  if (maxFailedJobs !== undefined && failedOnTheirOwn >= maxFailedJobs) {
    return { stop: { reason: 'max-failed-jobs', failed: failedOnTheirOwn, limit: maxFailedJobs, notStarted }, cancelRunning: false };
  }
  return undefined;
}

/** What a batch cancels its running jobs with when it stops on an endpoint rejection. */
export const endpointRejectionAbort = () => new DOMException('the batch stopped: an endpoint rejected the request', 'AbortError');
