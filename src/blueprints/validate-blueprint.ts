import { createActor, toPromise } from 'xstate';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import type { Blueprint } from './blueprint.ts';
import { assertMinVoters, assertThreshold, DEFAULT_COMMITTEE_THRESHOLD } from './committee/committee-vote.ts';
import { DEFAULT_FAILURE_RETRIES, DEFAULT_PARSE_RETRIES } from './committee/run-committee.ts';
import type { ValidationUsage } from './model-usage.ts';
import { defaultMaxRounds } from './refinement/max-rounds.ts';
import { validationMachine, type ValidationStatus } from './validation-machine.ts';
import type { StageName, ValidationRound } from './validation-result.ts';

export interface ValidateBlueprintOptions {
  domain: Domain;
  base: BaseState;
  blueprint: Blueprint;
  /** The committee, one model per reviewer (3 in the paper). None: offline, the committee stage is skipped. */
  reviewers?: readonly ChatModel[];
  /** How many of the four criteria must pass the vote (1–4; default 4, all of them). */
  threshold?: number;
  /** How many reviewers must vote for the vote to count (default: a majority of the committee). */
  minVoters?: number;
  /** Both models are needed for the feedback-and-revise loop; without them a failure ends at round 0. */
  feedbackModel?: ChatModel;
  generatorModel?: ChatModel;
  /** How many revisions a failed blueprint may get (default by domain: retail 3, airline 5). */
  maxRounds?: number;
  /** How many more times a reviewer with an unparseable reply is asked (default 1) before it abstains. */
  parseRetries?: number;
  /** How many more times a reviewer's failed call is made (default 2) before it abstains as failed. */
  failureRetries?: number;
  /** Cancels the model call in flight; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ValidationOutcome {
  /**
   * `approved`: the committee accepted; `validated`: stages 1–3 passed, the committee was skipped;
   * `undecided`: the committee had no quorum (no verdict, no revision); else `rejected`.
   */
  status: ValidationStatus;
  accepted: boolean;
  /**
   * The final blueprint — the latest revision that had the blueprint schema — carrying the final
   * round's `checks` and `reviews`, and every round in `history`; its `status` is the outcome's, except
   * when `undecided`, where it keeps the status it came with (an undecided blueprint is never saved).
   */
  blueprint: Blueprint;
  history: ValidationRound[];
  /** The stage that failed in the final round (absent when accepted or undecided). */
  failedStage?: StageName;
  /** Model calls and tokens per role (committee, feedback, generator). */
  usage: ValidationUsage;
}

/**
 * Validates one blueprint through the pipeline (format, execution, policy, committee), revising it from
 * feedback after a failure while rounds remain. Pure apart from the model calls it is given: the same
 * inputs and model replies give the same outcome. When the validation cannot finish because of the
 * world — a feedback or generator call fails, failed reviewers keep the committee from its quorum, an
 * endpoint refuses the caller — the promise rejects with a ValidationUnfinishedError; on abort, with
 * the signal's reason. Neither is a verdict on the blueprint.
 */
export async function validateBlueprint(options: ValidateBlueprintOptions): Promise<ValidationOutcome> {
  const threshold = options.threshold ?? DEFAULT_COMMITTEE_THRESHOLD;
  assertThreshold(threshold);
  const maxRounds = options.maxRounds ?? defaultMaxRounds(options.domain.name);
  if (!Number.isInteger(maxRounds) || maxRounds < 0) throw new RangeError(`maxRounds must be a whole number of at least 0, got ${maxRounds}`);
  const { signal } = options;
  if (options.minVoters !== undefined) assertMinVoters(options.minVoters, Math.max(1, options.reviewers?.length ?? 0));
  if (signal?.aborted) throw signal.reason;

  const actor = createActor(validationMachine, {
    input: {
      domain: options.domain,
      base: options.base,
      blueprint: options.blueprint,
      reviewers: options.reviewers ?? [],
      threshold,
      minVoters: options.minVoters,
      parseRetries: options.parseRetries ?? DEFAULT_PARSE_RETRIES,
      failureRetries: options.failureRetries ?? DEFAULT_FAILURE_RETRIES,
      feedbackModel: options.feedbackModel,
      generatorModel: options.generatorModel,
      maxRounds,
    },
  });
  const abort = () => actor.send({ type: 'ABORT', reason: signal?.reason });
  signal?.addEventListener('abort', abort, { once: true });
  actor.start();
  const output = await toPromise(actor).finally(() => signal?.removeEventListener('abort', abort));
  if (output.error !== undefined) throw output.error;

  const final = output.history.at(-1) as ValidationRound;
  const { reviews: _previousReviews, ...rest } = output.blueprint;
  const status = output.status === 'undecided' ? output.blueprint.status : output.status;
  const blueprint: Blueprint = { ...rest, status, checks: final.checks, ...(final.reviews ? { reviews: final.reviews } : {}), history: output.history };
  const failed = output.status === 'rejected' ? final.checks.find((check) => !check.passed && !check.skipped) : undefined;
  return {
    status: output.status,
    accepted: output.status === 'approved' || output.status === 'validated',
    blueprint,
    history: output.history,
    ...(failed ? { failedStage: failed.stage } : {}),
    usage: output.usage,
  };
}
