import { z } from 'zod';

/** The validation stages, in order. The committee runs only when a model is configured for it. */
export const stageNames = ['format', 'execution', 'policy', 'committee'] as const;
export const stageNameSchema = z.enum(stageNames);
export type StageName = z.infer<typeof stageNameSchema>;

/** One stage's outcome. `problems` name what failed (with a path, a rule or an action index). */
export const stageResultSchema = z.object({
  stage: stageNameSchema,
  passed: z.boolean(),
  /** The stage did not run (e.g. the committee with --offline); a skipped stage neither passes nor fails. */
  skipped: z.boolean().optional(),
  problems: z.array(z.string()),
  /** What a passed stage accepted on a condition a user must know (a blueprint that needs a judge, a recorded policy exception). */
  warnings: z.array(z.string()).optional(),
  /** Stage-specific data: the execution stage keeps the state diff (JSON Patch and its reading). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type StageResult = z.infer<typeof stageResultSchema>;

/** The four criteria every committee reviewer scores 0 or 1. */
export const reviewCriteria = ['correctness', 'completeness', 'satisfaction', 'creativity'] as const;
export type ReviewCriterion = (typeof reviewCriteria)[number];

/** What one reviewer model must answer (zod-validated). */
export const reviewReplySchema = z.object({
  reflection: z.string(),
  correctness: z.union([z.literal(0), z.literal(1)]),
  completeness: z.union([z.literal(0), z.literal(1)]),
  satisfaction: z.union([z.literal(0), z.literal(1)]),
  creativity: z.union([z.literal(0), z.literal(1)]),
  correction: z.string(),
});
export type ReviewReply = z.infer<typeof reviewReplySchema>;

/**
 * One reviewer's review as stored: its reply, or an abstention when it never answered in the right
 * shape, or when its calls kept failing (`failed`: an outage or timeout, not the reviewer's answer).
 */
export const committeeReviewSchema = z.object({
  reviewer: z.string(),
  abstained: z.boolean(),
  reply: reviewReplySchema.optional(),
  /** Why it abstained (the parse problem of its last attempt, or the last call's error). */
  problem: z.string().optional(),
  /** The abstention is a failure of the reviewer's calls (transport), not of its replies. */
  failed: z.boolean().optional(),
  attempts: z.number().int().positive(),
});
export type CommitteeReview = z.infer<typeof committeeReviewSchema>;

/** One round of validation: the blueprint as it was, every stage result, reviews, and the feedback it led to. */
export const validationRoundSchema = z.object({
  round: z.number().int().nonnegative(),
  instruction: z.string(),
  actions: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()), expectError: z.boolean().optional() })),
  outputs: z.array(z.string()),
  checks: z.array(stageResultSchema),
  reviews: z.array(committeeReviewSchema).optional(),
  feedback: z.string().optional(),
});
export type ValidationRound = z.infer<typeof validationRoundSchema>;
