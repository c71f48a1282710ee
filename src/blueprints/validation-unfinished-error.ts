import { InterplayError } from '../domain-kit/index.ts';
import { isEndpointRejection } from '../models/index.ts';

/** The validation model roles, as named to the user. */
export type ValidationModelRole = 'reviewer' | 'feedback' | 'generator';

/**
 * A validation could not finish because of the world, not the blueprint: a model endpoint was down or
 * kept failing, or it refused the request (401/403/404: `endpointRejected`, which stops a whole
 * validation run at once). No verdict: the blueprint is `unfinished`, never `rejected`.
 */
export class ValidationUnfinishedError extends InterplayError {
  override readonly name = 'ValidationUnfinishedError';
  /** The endpoint refused the request itself (auth, unknown model): no other blueprint will fare better. */
  readonly endpointRejected: boolean;
  constructor(
    readonly role: ValidationModelRole,
    /** The failing model's id; absent when several reviewers failed together. */
    readonly model: string | undefined,
    message: string,
    override readonly cause?: unknown,
    /** The reviewer's place in the committee (0-based), for a reviewer failure. */
    readonly reviewerIndex?: number,
  ) {
    super(message);
    this.endpointRejected = isEndpointRejection(cause);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A validation model call that failed, as a ValidationUnfinishedError naming its role and model (kept as it is when it already is one). */
export function unfinishedBecause(error: unknown, role: ValidationModelRole, model: string, reviewerIndex?: number): ValidationUnfinishedError {
  if (error instanceof ValidationUnfinishedError) return error;
  return new ValidationUnfinishedError(role, model, `the ${role} model ${model} failed: ${messageOf(error)}`, error, reviewerIndex);
}
