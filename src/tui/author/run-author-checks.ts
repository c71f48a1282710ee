import { blueprintSchema } from '../../blueprints/blueprint.ts';
import { checkFormat } from '../../blueprints/stages/format-check.ts';
import { validateBlueprint } from '../../blueprints/validate-blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import type { ChatModel } from '../../models/index.ts';
import type { SessionChecks } from './author-model.ts';

export interface AuthorCheckOptions {
  domain: Domain;
  base: BaseState;
  /** The blueprint as the session has it (see `sessionCandidate`); it may not have the blueprint schema yet. */
  candidate: unknown;
  /** The content revision being checked. */
  revision: number;
  /** Committee reviewers; none: the committee stage is skipped and stages 1–3 decide. */
  reviewers?: readonly ChatModel[];
  signal?: AbortSignal;
}

/**
 * Runs the validation stages on an authored blueprint: format, execution and policy, then the committee
 * when reviewers are given. No revision loop: the author revises. A candidate without the blueprint
 * schema gets the format stage's problems only.
 */
export async function runAuthorChecks(options: AuthorCheckOptions): Promise<SessionChecks> {
  const parsed = blueprintSchema.safeParse(options.candidate);
  if (!parsed.success) {
    const format = checkFormat(options.domain, options.base, options.candidate);
    return { revision: options.revision, status: 'rejected', stages: [format.result] };
  }
  const outcome = await validateBlueprint({
    domain: options.domain,
    base: options.base,
    blueprint: parsed.data,
    reviewers: options.reviewers ?? [],
    maxRounds: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // An undecided committee (no quorum) is no verdict: the blueprint stays a draft.
  return { revision: options.revision, status: outcome.status === 'undecided' ? 'draft' : outcome.status, stages: outcome.blueprint.checks ?? [], blueprint: outcome.blueprint };
}
