import { z } from 'zod';
import { outputsMatchRules } from '../rollout/grading/outputs-match.ts';
import { protocolNoteRoles } from '../rollout/protocol-notes.ts';

/**
 * How a run was asked to generate, as stored in its manifest's `config` (model configurations already
 * redacted): what `interplay generate --resume` reads back, so a resumed run keeps its settings.
 */
export const generateSettingsSchema = z.object({
  command: z.literal('generate'),
  trials: z.number().int().positive(),
  /** `maxRepeatedCalls` and `maxTokens` are absent in runs started before those guards (the default applies). */
  limits: z.object({
    maxMessages: z.number().int().positive(),
    maxErrors: z.number().int().positive(),
    maxRepeatedCalls: z.number().int().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
  }),
  /** How protocol notes go to the agent; absent in older runs (user-role text). */
  protocolNotes: z.enum(protocolNoteRoles).optional(),
  offline: z.boolean(),
  fallible: z.boolean(),
  bestOf: z.number().int().positive().optional(),
  /** The outputs rule trajectories are graded with (absent: `token`). */
  outputsMatch: z.enum(outputsMatchRules).optional(),
  /**
   * The committee's settings (`--threshold`, `--min-voters`, `--max-rounds`); absent in runs started before
   * those flags, and when not given: validation's defaults apply (all 4 criteria, a majority, the domain's rounds).
   */
  threshold: z.number().int().min(1).max(4).optional(),
  minVoters: z.number().int().positive().optional(),
  maxRounds: z.number().int().nonnegative().optional(),
  /** Per single role (agent, human, judge, feedback, generator): its redacted model configuration. */
  roles: z.record(z.string(), z.unknown()),
  reviewers: z.array(z.unknown()),
});
export type GenerateSettings = z.infer<typeof generateSettingsSchema>;
