import { InterplayError } from '../domain-kit/errors.ts';
import { isAbortError, isEndpointRejection, ModelRequestError, ModelUnavailableError } from '../models/index.ts';
import { isFailedJobTermination, type Termination } from './termination.ts';
import type { RoleName, RoleUsage } from './trajectory.ts';

/**
 * A job that ended for a reason outside the agent: an endpoint that stayed unreachable, one that refused
 * the credentials or the model (401/403/404), or a cancel. It is never graded: it is recorded as a failed
 * job, left out of every rate, and a resume runs it again.
 */
export interface FailedJob {
  termination: Termination;
  /** The role whose model call failed (absent for a cancel). */
  role?: RoleName;
  model?: string;
  /** What the rollout had spent when it ended. */
  usage: Partial<Record<RoleName, RoleUsage>>;
}

/**
 * A rollout ended as a failed job (`isFailedJobTermination`): thrown by `runRollout` instead of returning a
 * trajectory, since there is nothing to grade. Carries the failed job as data.
 */
export class FailedJobError extends InterplayError {
  override readonly name = 'FailedJobError';
  constructor(readonly failedJob: FailedJob) {
    const { termination, role, model } = failedJob;
    super(`the job failed (${termination.reason})${role ? ` in the ${role} role${model ? ` (${model})` : ''}` : ''}${termination.detail ? `: ${termination.detail}` : ''}`);
    if (!isFailedJobTermination(termination.reason)) throw new TypeError(`${termination.reason} is a verdict's ending, not a failed job's`);
  }
}

/**
 * The failed job behind an error of a model call that is not the agent's doing (the judge's, say): a cancel,
 * an endpoint rejection, an outage — or, for a role whose reply the agent cannot be blamed for, any error.
 */
export function failedJobFor(error: unknown, role: RoleName, roleModel: string, usage: FailedJob['usage'] = {}): FailedJob {
  const model = error instanceof ModelUnavailableError || error instanceof ModelRequestError ? error.model : roleModel;
  const detail = error instanceof Error ? error.message : String(error);
  if (isAbortError(error)) return { termination: { reason: 'aborted', detail: 'the rollout was cancelled' }, usage };
  if (isEndpointRejection(error)) return { termination: { reason: 'endpoint-rejected', detail }, role, model, usage };
  return { termination: { reason: 'infrastructure-error', detail }, role, model, usage };
}
