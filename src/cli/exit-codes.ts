import { InterplayError } from '../domain-kit/errors.ts';

/**
 * The exit codes of every command, documented in the README. Scripts and CI branch on them, so each
 * means one thing: what went wrong, not where.
 */
export const EXIT_CODES = {
  success: 0,
  /** A file, field or value is wrong, or the command's verdict is a failure (`validate` rejected a blueprint). */
  badInput: 1,
  /** The command line itself: an unknown flag or command, a missing argument. */
  usage: 2,
  /** Jobs failed for reasons outside the agent (outage, auth, cancelled), or phase 1 did not finish. */
  failedJobs: 3,
  /** A bug in interplay: the full trace is written to a file, never to the terminal. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * A command finished, but some of its jobs failed for reasons outside the agent: the message is the
 * one line to print ("2 jobs failed: endpoint-rejected"), the exit code is 3.
 */
export class FailedJobsError extends InterplayError {
  override readonly name: string = 'FailedJobsError';
}

/**
 * Work that did not finish because of the world, not the input: blueprints whose validation did not
 * finish (a reviewer outage, an endpoint that refused the key or the model, a cancellation). Exit code 3.
 */
export class UnfinishedWorkError extends FailedJobsError {
  override readonly name = 'UnfinishedWorkError';
}
