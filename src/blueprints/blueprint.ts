import { z } from 'zod';
import { policyExceptionSchema } from './stages/policy-exceptions.ts';
import { committeeReviewSchema, stageResultSchema, validationRoundSchema } from './validation-result.ts';

/** The version of the blueprint file format; bumped on any incompatible change. */
export const BLUEPRINT_SCHEMA_VERSION = 1;

/** One ground-truth tool call of a blueprint. */
export const blueprintActionSchema = z.object({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()),
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
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids are letters, digits, dot, underscore and dash'),
  domain: z.string().min(1),
  userId: z.string().min(1),
  persona: z.string().optional(),
  instruction: z.string().min(1),
  actions: z.array(blueprintActionSchema),
  outputs: z.array(z.string()),
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
