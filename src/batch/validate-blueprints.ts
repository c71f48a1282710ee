import PQueue from 'p-queue';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { validateBlueprint } from '../blueprints/validate-blueprint.ts';
import type { StageName } from '../blueprints/validation-result.ts';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';

/** Phase 1's word on one blueprint. */
export interface BlueprintVerdict {
  blueprintId: string;
  status: 'validated' | 'approved' | 'rejected';
  /** What phase 2 rolls out when accepted: the blueprint as validated (revised, with its checks). */
  blueprint: Blueprint;
  /** The stage that failed; absent when accepted, or when validation could not finish (a model call failed). */
  failedStage?: StageName;
  problems: string[];
}

/** Validates one blueprint; resolves with a verdict even when a model call fails (the blueprint is then left out). */
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
      });
      const failed = outcome.blueprint.checks?.find((check) => !check.passed && !check.skipped);
      if (!outcome.accepted) {
        return { blueprintId: blueprint.id, status: 'rejected', blueprint: outcome.blueprint, ...(outcome.failedStage ? { failedStage: outcome.failedStage } : {}), problems: failed?.problems ?? [] };
      }
      if (approved) return { blueprintId: blueprint.id, status: 'approved', blueprint, problems: [] };
      return { blueprintId: blueprint.id, status: outcome.status, blueprint: outcome.blueprint, problems: [] };
    } catch (error) {
      if (signal.aborted) throw error;
      return { blueprintId: blueprint.id, status: 'rejected', blueprint, problems: [`validation did not finish: ${error instanceof Error ? error.message : String(error)}`] };
    }
  };
}

/** Validates every blueprint, at most `concurrency` at once; verdicts come back in the blueprints' order. */
export async function validateBlueprints(
  blueprints: readonly Blueprint[],
  options: { validate: BlueprintValidator; concurrency: number; signal: AbortSignal; onVerdict?: (verdict: BlueprintVerdict) => void },
): Promise<BlueprintVerdict[]> {
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  return Promise.all(
    blueprints.map((blueprint) =>
      queue.add(
        async () => {
          const verdict = await options.validate(blueprint, options.signal);
          options.onVerdict?.(verdict);
          return verdict;
        },
        { signal: options.signal },
      ) as Promise<BlueprintVerdict>,
    ),
  );
}
