import { z } from 'zod';
import { outputsMatchRules } from '../rollout/grading/outputs-match.ts';

/**
 * How a run was asked to generate, as stored in its manifest's `config` (model configurations already
 * redacted): what `interplay generate --resume` reads back, so a resumed run keeps its settings.
 */
export const generateSettingsSchema = z.object({
  command: z.literal('generate'),
  trials: z.number().int().positive(),
  limits: z.object({ maxMessages: z.number().int().positive(), maxErrors: z.number().int().positive() }),
  offline: z.boolean(),
  fallible: z.boolean(),
  bestOf: z.number().int().positive().optional(),
  /** The outputs rule trajectories are graded with (absent: `token`). */
  outputsMatch: z.enum(outputsMatchRules).optional(),
  /** Per single role (agent, human, judge, feedback, generator): its redacted model configuration. */
  roles: z.record(z.string(), z.unknown()),
  reviewers: z.array(z.unknown()),
});
export type GenerateSettings = z.infer<typeof generateSettingsSchema>;
