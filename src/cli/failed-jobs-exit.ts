import type { BatchStop } from '../batch/batch-events.ts';
import { redactURL, type ModelConfig } from '../models/index.ts';
import type { RunSummary } from '../rollout/run-summary.ts';
import { FailedJobsError } from './exit-codes.ts';

/**
 * The one line a command ends with when jobs failed for reasons outside the agent, as a FailedJobsError
 * (exit code 3), or undefined when none did. An endpoint rejection names the role, the endpoint (its URL
 * redacted) and the model; otherwise the failed jobs are counted by ending.
 */
export function failedJobsError(options: {
  stopped: BatchStop | undefined;
  failedJobs: RunSummary['failedJobs'];
  /** The configured model of each role, for the endpoint's URL and the model's name. */
  roles: Partial<Record<string, ModelConfig>>;
  /** What to do next, e.g. "fix it, then --resume <dir>". */
  next: string;
}): FailedJobsError | undefined {
  const { stopped } = options;
  if (stopped?.reason === 'endpoint-rejected') {
    const config = stopped.role ? options.roles[stopped.role] : undefined;
    const where = config ? `${redactURL(config.baseURL)} rejected model ${config.model}` : `rejected ${stopped.model ?? 'the request'}`;
    return new FailedJobsError(`the ${stopped.role ?? 'model'} endpoint ${where}${stopped.detail ? ` (${stopped.detail})` : ''}: the batch stopped. Fix the key or the model name; ${options.next}`);
  }
  const groups = Object.entries(options.failedJobs);
  const count = groups.reduce((total, [, group]) => total + (group?.count ?? 0), 0);
  if (count === 0) return undefined;
  const reasons = groups.map(([reason, group]) => `${reason} ${group?.count}`).join(', ');
  return new FailedJobsError(`${count} job${count === 1 ? '' : 's'} failed for reasons outside the agent (${reasons}): not graded, in no rate; ${options.next}`);
}
