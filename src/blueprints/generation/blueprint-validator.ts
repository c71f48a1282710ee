import type { Blueprint } from '../blueprint.ts';
import type { ValidationOutcome } from '../validate-blueprint.ts';

/** What generation needs from a validation: the verdict, the blueprint as validated, and its rounds. */
export type GenerationValidation = Pick<ValidationOutcome, 'accepted' | 'blueprint' | 'history'> & Partial<Pick<ValidationOutcome, 'status' | 'failedStage' | 'usage'>>;

/**
 * The validation pipeline, injected: the CLI wires `validateBlueprint` (with the committee when
 * reviewers are configured); tests pass a fake. It is given a draft and returns its verdict.
 */
export type BlueprintValidator = (blueprint: Blueprint, signal?: AbortSignal) => Promise<GenerationValidation>;
