import type { ValidationUnfinishedError } from '../blueprints/validation-unfinished-error.ts';
import { ModelRequestError, redactConfig, type ModelConfig } from '../models/index.ts';
import type { ModelRoles } from './model-roles.ts';
import { UnfinishedWorkError } from './exit-codes.ts';

/** The configuration behind the model a validation failure names (by role, and place in the committee). */
function configOf(error: ValidationUnfinishedError, roles: ModelRoles): ModelConfig | undefined {
  if (error.role === 'reviewer') return error.reviewerIndex === undefined ? undefined : roles.reviewers[error.reviewerIndex];
  return roles.roles[error.role];
}

/**
 * The one line that stops a validation run when an endpoint refused the caller (401/403/404): the role,
 * the endpoint (credentials never shown) and the model, and what the server said. Exit code 3.
 */
export function endpointRejectionStop(error: ValidationUnfinishedError, roles: ModelRoles): UnfinishedWorkError {
  const config = configOf(error, roles);
  const cause = error.cause instanceof ModelRequestError ? error.cause : undefined;
  const model = config?.model ?? error.model ?? 'unknown';
  const endpoint = config ? redactConfig(config).baseURL : 'its endpoint';
  const said = cause ? ` (${cause.causeMessage.startsWith(String(cause.status)) ? cause.causeMessage : `${cause.status} ${cause.causeMessage}`})` : '';
  return new UnfinishedWorkError(`the ${error.role} endpoint ${endpoint} refused model ${model}${said}; validation stopped: check the key and the model name`);
}
