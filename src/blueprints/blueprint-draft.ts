import type { Blueprint } from './blueprint.ts';
import type { BlueprintRevision } from './refinement/request-revision.ts';
import type { CommitteeReview, StageResult, ValidationRound } from './validation-result.ts';

/** The parts of a blueprint its author writes, as written: a revision may not have the blueprint shape yet. */
export interface BlueprintDraft {
  userId: string;
  instruction: unknown;
  actions: unknown;
  outputs: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The draft parts of any candidate (a blueprint, or a blueprint with a revision applied). */
export function draftOf(candidate: unknown, userId: string): BlueprintDraft {
  const record = isObject(candidate) ? candidate : {};
  return { userId: typeof record.userId === 'string' ? record.userId : userId, instruction: record.instruction, actions: record.actions, outputs: record.outputs };
}

/** The blueprint with the revision's instruction, actions and outputs, and without the previous validation's records. */
export function applyRevision(blueprint: Blueprint, revision: BlueprintRevision): unknown {
  const { checks: _checks, reviews: _reviews, history: _history, ...rest } = blueprint;
  return { ...rest, instruction: revision.instruction, actions: revision.actions, outputs: revision.outputs };
}

/**
 * One round as history keeps it. A draft that does not have the blueprint's types yet is coerced to
 * the round schema (text for the instruction, `{name, arguments}` for each action, text outputs), so
 * the round can still be stored and read.
 */
export function validationRound(round: number, draft: BlueprintDraft, checks: StageResult[], reviews: CommitteeReview[] | undefined, feedback?: string): ValidationRound {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? null));
  const actions = Array.isArray(draft.actions)
    ? draft.actions.map((action: unknown) => {
        const record = isObject(action) ? action : {};
        return {
          name: text(record.name),
          arguments: isObject(record.arguments) ? record.arguments : {},
          ...(typeof record.expectError === 'boolean' ? { expectError: record.expectError } : {}),
        };
      })
    : [];
  return {
    round,
    instruction: text(draft.instruction),
    actions,
    outputs: Array.isArray(draft.outputs) ? draft.outputs.map(text) : [],
    checks,
    ...(reviews ? { reviews } : {}),
    ...(feedback !== undefined ? { feedback } : {}),
  };
}
