import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { validateBlueprint } from '../blueprints/validate-blueprint.ts';
import { ValidationUnfinishedError } from '../blueprints/validation-unfinished-error.ts';
import type { StageName } from '../blueprints/validation-result.ts';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';

/**
 * Phase 1's word on one blueprint. `validated` and `approved` are accepted (rolled out); `rejected` failed
 * a stage; `undecided`: the committee had no quorum (no verdict; left out of the rollouts). `unfinished`
 * is no verdict at all: the world kept the validation from finishing (an endpoint outage, a timeout).
 * It is never counted as rejected, and `--resume` validates it again.
 */
export const blueprintVerdictStatuses = ['validated', 'approved', 'rejected', 'undecided', 'unfinished'] as const;
export type BlueprintVerdictStatus = (typeof blueprintVerdictStatuses)[number];

/** Whether phase 1 accepted the blueprint for rollouts. */
export const isAcceptedVerdict = (verdict: { status: BlueprintVerdictStatus }) => verdict.status === 'validated' || verdict.status === 'approved';

export interface BlueprintVerdict {
  blueprintId: string;
  status: BlueprintVerdictStatus;
  /** What phase 2 rolls out when accepted: the blueprint as validated (revised, with its checks); the input otherwise when unfinished. */
  blueprint: Blueprint;
  /** The stage that failed; absent unless rejected. */
  failedStage?: StageName;
  /** Why it was not accepted; for `unfinished`, why validation did not finish. */
  problems: string[];
}

/**
 * Validates one blueprint; resolves with a verdict even when validation could not finish (`unfinished`).
 * Rejects on cancellation, and with a ValidationUnfinishedError when an endpoint refused the caller
 * (401/403/404): no other blueprint would fare better, so phase 1 stops at once.
 */
export type BlueprintValidator = (blueprint: Blueprint, signal: AbortSignal) => Promise<BlueprintVerdict>;

/** The models validation may use for one blueprint (scoped to it, e.g. for the response cache). */
export interface ValidationModels {
  reviewers?: readonly ChatModel[];
  feedbackModel?: ChatModel;
  generatorModel?: ChatModel;
}

export interface BlueprintValidatorOptions {
  domain: Domain;
  base: BaseState;
  /** None (offline): stages 1–3 only. */
  models?: (blueprint: Blueprint) => ValidationModels;
  threshold?: number;
  /** Voters the committee's vote needs (default: a majority of the committee). */
  minVoters?: number;
  /** Revisions a failed blueprint may get (default: the domain's). */
  maxRounds?: number;
}

/**
 * Phase 1 for one blueprint: stages 1–3 (format, execution, policy) always; the committee — and the
 * feedback-and-revise loop — only for a blueprint not yet `approved`, and only with reviewers configured.
 * An approved blueprint that still passes stages 1–3 stays approved as it is.
 */
export function createBlueprintValidator(options: BlueprintValidatorOptions): BlueprintValidator {
  return async (blueprint, signal) => {
    const approved = blueprint.status === 'approved';
    const models = approved ? {} : (options.models?.(blueprint) ?? {});
    try {
      const outcome = await validateBlueprint({
        domain: options.domain,
        base: options.base,
        blueprint,
        signal,
        ...(models.reviewers && models.reviewers.length > 0 ? { reviewers: models.reviewers } : {}),
        ...(models.feedbackModel && models.generatorModel ? { feedbackModel: models.feedbackModel, generatorModel: models.generatorModel } : {}),
        ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
        ...(options.minVoters !== undefined && models.reviewers && models.reviewers.length > 0 ? { minVoters: options.minVoters } : {}),
        ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
      });
      const final = outcome.blueprint.checks;
      if (outcome.status === 'undecided') {
        return { blueprintId: blueprint.id, status: 'undecided', blueprint, problems: final?.find((check) => check.stage === 'committee')?.problems ?? [] };
      }
      if (!outcome.accepted) {
        const failed = final?.find((check) => !check.passed && !check.skipped);
        return { blueprintId: blueprint.id, status: 'rejected', blueprint: outcome.blueprint, ...(outcome.failedStage ? { failedStage: outcome.failedStage } : {}), problems: failed?.problems ?? [] };
      }
      if (approved) return { blueprintId: blueprint.id, status: 'approved', blueprint, problems: [] };
      return { blueprintId: blueprint.id, status: outcome.status as 'validated' | 'approved', blueprint: outcome.blueprint, problems: [] };
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof ValidationUnfinishedError && error.endpointRejected) throw error;
      return { blueprintId: blueprint.id, status: 'unfinished', blueprint, problems: [`validation did not finish: ${error instanceof Error ? error.message : String(error)}`] };
    }
  };
}

/**
 * Validates every blueprint, at most `concurrency` at once; verdicts come back in the blueprints' order.
 * When one validation rejects (an endpoint refused the caller, a cancellation), the others are cancelled
 * and none is started: the promise rejects with that first error.
 */
export async function validateBlueprints(
  blueprints: readonly Blueprint[],
  options: { validate: BlueprintValidator; concurrency: number; signal: AbortSignal; onVerdict?: (verdict: BlueprintVerdict) => void },
): Promise<BlueprintVerdict[]> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  // Every queued validation listens to it (one listener each, removed as it ends): no leak to warn of.
  setMaxListeners(0, signal);
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  return Promise.all(
    blueprints.map((blueprint) =>
      queue.add(
        async () => {
          signal.throwIfAborted();
          try {
            const verdict = await options.validate(blueprint, signal);
            options.onVerdict?.(verdict);
            return verdict;
          } catch (error) {
            // Stop the others before the queue starts the next one.
            if (!stop.signal.aborted) stop.abort(error);
            throw error;
          }
        },
        { signal },
      ) as Promise<BlueprintVerdict>,
    ),
  );
}
