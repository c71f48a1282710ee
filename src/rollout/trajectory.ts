import { z } from 'zod';
import { chatMessageSchema } from '../models/chat-message.ts';
import { terminationSchema } from './termination.ts';
import { verdictSchema } from './verdict.ts';

/**
 * The version of the stored trajectory format; bumped on any incompatible change. Version 2 adds, all
 * optional: assistant `reasoning` and `toolCallsFromText`, and the `note` that marks harness text. Version 1
 * files still parse: a system message after the first one there is a protocol note.
 */
export const TRAJECTORY_SCHEMA_VERSION = 2;
export const readableTrajectorySchemaVersions = [1, 2] as const;

export const roleNames = ['human', 'agent', 'judge'] as const;
export const roleNameSchema = z.enum(roleNames);
export type RoleName = z.infer<typeof roleNameSchema>;

const tokenUsageSchema = z.object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() });

export const roleUsageSchema = tokenUsageSchema.extend({ calls: z.number().int().nonnegative(), model: z.string() });
export type RoleUsage = z.infer<typeof roleUsageSchema>;

/** How the run went, counted: what the acceptance filter and the reports read. */
export const rolloutStatsSchema = z.object({
  /** Human and agent turns taken. */
  turns: z.number().int().nonnegative(),
  toolCalls: z.number().int().nonnegative(),
  toolErrors: z.number().int().nonnegative(),
  /** Agent messages that broke the protocol: empty, text with tool calls, unparseable arguments. */
  protocolErrors: z.number().int().nonnegative(),
  /** Times the user tried to stop before the agent did what they had just agreed to, and was told to wait. */
  waitNudges: z.number().int().nonnegative(),
});
export type RolloutStats = z.infer<typeof rolloutStatsSchema>;

/** Best-of-N scores of one simulated-user turn: every candidate and the one kept. */
export const humanTurnScoresSchema = z.object({
  messageIndex: z.number().int(),
  candidates: z.array(z.object({ text: z.string(), score: z.number().nullable() })),
  chosen: z.number().int(),
});

/**
 * Where the harness stepped in: `wait-nudge` — the user said STOP while agreeing to a write the agent had
 * not made yet; the stop token was held back (the message at `messageIndex` is stored without it) and the
 * user was told to wait for the agent.
 */
export const interventionSchema = z.object({ kind: z.literal('wait-nudge'), messageIndex: z.number().int(), original: z.string() });
export type Intervention = z.infer<typeof interventionSchema>;

/** One rollout of one blueprint: the conversation in OpenAI chat format, how it ended, and its verdict. */
export const trajectorySchema = z.object({
  schemaVersion: z.literal(readableTrajectorySchemaVersions, { error: `the trajectory format version must be one of ${readableTrajectorySchemaVersions.join(', ')}` }),
  /** Deterministic: `<blueprint id>#<attempt>`. */
  id: z.string(),
  blueprintId: z.string(),
  domain: z.string(),
  attempt: z.number().int().nonnegative(),
  seed: z.number().int(),
  /** The model (or offline policy) behind each role. */
  models: z.object({ human: z.string(), agent: z.string() }),
  /** The agent's view: system policy, user turns, assistant turns with tool calls, tool results. */
  messages: z.array(chatMessageSchema),
  termination: terminationSchema,
  stats: rolloutStatsSchema,
  usage: z.partialRecord(roleNameSchema, roleUsageSchema),
  humanScores: z.array(humanTurnScoresSchema).optional(),
  interventions: z.array(interventionSchema).optional(),
  finalStateHash: z.string(),
  verdict: verdictSchema,
  timings: z.object({ startedAt: z.iso.datetime(), endedAt: z.iso.datetime(), durationMs: z.number().nonnegative() }),
});
export type Trajectory = z.infer<typeof trajectorySchema>;
