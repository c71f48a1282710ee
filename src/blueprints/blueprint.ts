import { z } from 'zod';
import { policyExceptionSchema } from './stages/policy-exceptions.ts';
import { committeeReviewSchema, stageResultSchema, validationRoundSchema } from './validation-result.ts';

/** The version of the blueprint file format; bumped on any incompatible change. */
export const BLUEPRINT_SCHEMA_VERSION = 1;

/**
 * How big a blueprint may be. Far above any real task (tau-bench's longest has 14 actions and a few
 * outputs), low enough that a malformed or hostile file is refused in one line before any work:
 * before a run folder is created, a state is forked or anything recursive walks it.
 */
export const BLUEPRINT_LIMITS = {
  /** Bytes of one blueprint file. */
  fileBytes: 10_000_000,
  /** Levels of nested arrays and objects in a blueprint file (the blueprint itself is level 1). */
  depth: 32,
  /** Characters of an id (a file name is made of it). */
  idLength: 128,
  actions: 100,
  outputs: 1_000,
  /** Characters of the instruction, the persona and any string in action arguments. */
  textLength: 20_000,
  /** Characters of one output, the domain, the user id and a tool name. */
  nameLength: 1_000,
} as const;

const longestString = (value: unknown): number => {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  return Math.max(0, ...Object.values(value).map(longestString));
};

const limitedName = () => z.string().min(1).max(BLUEPRINT_LIMITS.nameLength, `at most ${BLUEPRINT_LIMITS.nameLength} characters`);
const limitedText = () => z.string().max(BLUEPRINT_LIMITS.textLength, `at most ${BLUEPRINT_LIMITS.textLength} characters`);

/** One ground-truth tool call of a blueprint. */
export const blueprintActionSchema = z.object({
  name: limitedName(),
  arguments: z
    .record(z.string(), z.unknown())
    .refine((value) => longestString(value) <= BLUEPRINT_LIMITS.textLength, `a string over ${BLUEPRINT_LIMITS.textLength} characters (the limit for argument values)`),
  /** The action is meant to fail (a refusal case): its error result does not fail the execution check. */
  expectError: z.boolean().optional(),
});

export const provenanceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('authored'), author: z.string().optional() }),
  z.object({
    kind: z.literal('generated'),
    seed: z.number().int(),
    generator: z.string(),
    context: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({
    kind: z.literal('imported'),
    source: z.string(),
    split: z.string().optional(),
    taskIndex: z.number().int().nonnegative().optional(),
    /**
     * actions[0] is the identification call the instruction implies, added by the import (tau-bench's gold
     * leaves identification to the agent); the source task's own actions start at actions[1].
     */
    identificationAdded: z.literal(true).optional(),
    /** Policy rules the source's own gold breaks (see stages/policy-exceptions.ts); accepted, as warnings, only for tau-bench. */
    policyExceptions: z.array(policyExceptionSchema).min(1).optional(),
  }),
  z.object({ kind: z.literal('recombined'), sources: z.array(z.string()).min(2) }),
]);

export const blueprintStatusSchema = z.enum(['draft', 'validated', 'approved', 'rejected']);

/**
 * A blueprint: what the simulated user wants (in words), the ground-truth actions that fulfil it, and the
 * facts the agent must tell the user. The validation stages and committee reviews it went through are
 * kept with it (`checks`, `reviews`, `history`), shaped by the validation pipeline.
 */
export const blueprintSchema = z.object({
  schemaVersion: z.literal(BLUEPRINT_SCHEMA_VERSION),
  id: z
    .string()
    .max(BLUEPRINT_LIMITS.idLength, `at most ${BLUEPRINT_LIMITS.idLength} characters (the id names the blueprint's file)`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids are letters, digits, dot, underscore and dash'),
  domain: limitedName(),
  userId: limitedName(),
  persona: limitedText().optional(),
  instruction: limitedText().min(1),
  actions: z.array(blueprintActionSchema).max(BLUEPRINT_LIMITS.actions, `at most ${BLUEPRINT_LIMITS.actions} actions per blueprint`),
  outputs: z.array(z.string().max(BLUEPRINT_LIMITS.nameLength, `at most ${BLUEPRINT_LIMITS.nameLength} characters per output`)).max(BLUEPRINT_LIMITS.outputs, `at most ${BLUEPRINT_LIMITS.outputs} outputs per blueprint`),
  provenance: provenanceSchema,
  status: blueprintStatusSchema,
  createdAt: z.iso.datetime(),
  /** The stage results of the latest validation round. */
  checks: z.array(stageResultSchema).optional(),
  /** The committee's reviews of the latest round. */
  reviews: z.array(committeeReviewSchema).optional(),
  /** Every validation round, the feedback-and-revise loop included. */
  history: z.array(validationRoundSchema).optional(),
});

export type BlueprintAction = z.infer<typeof blueprintActionSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type BlueprintStatus = z.infer<typeof blueprintStatusSchema>;
export type Blueprint = z.infer<typeof blueprintSchema>;
