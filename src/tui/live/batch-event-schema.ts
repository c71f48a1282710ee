import { z } from 'zod';
import type { RunEvent } from '../../batch/batch-events.ts';
import { blueprintVerdictStatuses } from '../../batch/validate-blueprints.ts';
import { chatMessageSchema, messageToolCallSchema } from '../../models/chat-message.ts';
import { terminationSchema } from '../../rollout/termination.ts';
import { roleNameSchema, trajectorySchema } from '../../rollout/trajectory.ts';
import { verdictSchema } from '../../rollout/verdict.ts';

const turnRoleSchema = z.enum(['human', 'agent', 'tools']);

const rolloutEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('turn-start'), role: turnRoleSchema, turn: z.number() }),
  z.object({ type: z.literal('turn-end'), role: turnRoleSchema, turn: z.number() }),
  z.object({ type: z.literal('message'), index: z.number(), message: chatMessageSchema }),
  z.object({ type: z.literal('tool-call'), call: messageToolCallSchema }),
  z.object({ type: z.literal('tool-result'), callId: z.string(), name: z.string(), ok: z.boolean(), content: z.string() }),
  z.object({ type: z.literal('wait-nudge'), messageIndex: z.number() }),
  z.object({ type: z.literal('termination'), termination: terminationSchema }),
  z.object({ type: z.literal('verdict'), verdict: verdictSchema }),
]);

const jobEndSummarySchema = z.object({
  kept: z.boolean(),
  reason: verdictSchema.shape.reason,
  termination: terminationSchema,
  turns: z.number(),
  toolCalls: z.number(),
  toolErrors: z.number(),
  tokens: z.number(),
  stateMatch: z.boolean(),
  missingOutputs: z.number(),
});

const progressSchema = z.object({
  total: z.number(),
  done: z.number(),
  kept: z.number(),
  rejected: z.number(),
  errors: z.number(),
  /** Absent in runs recorded before failed jobs were counted apart. */
  failed: z.number().optional(),
  running: z.number(),
  tokens: z.number(),
  cost: z.number(),
  elapsedMs: z.number(),
});

/** Every event but a job's end, told apart by type. */
const otherEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase'), phase: z.enum(['validation', 'rollouts', 'done']), at: z.string() }),
  z.object({ type: z.literal('blueprint-validated'), blueprintId: z.string(), status: z.enum(blueprintVerdictStatuses), at: z.string() }),
  z.object({ type: z.literal('job-start'), jobId: z.string(), blueprintId: z.string(), attempt: z.number(), at: z.string() }),
  z.object({ type: z.literal('rollout'), jobId: z.string(), event: rolloutEventSchema, at: z.string() }),
  z.object({ type: z.literal('message'), jobId: z.string(), index: z.number(), turn: z.number(), message: chatMessageSchema }),
  z.object({
    type: z.literal('job-failed'),
    jobId: z.string(),
    blueprintId: z.string(),
    attempt: z.number(),
    termination: terminationSchema,
    role: roleNameSchema.optional(),
    model: z.string().optional(),
    at: z.string(),
  }),
  z.object({ type: z.literal('job-skipped'), jobId: z.string(), reason: z.literal('already-done'), at: z.string() }),
  z.object({ type: z.literal('progress'), progress: progressSchema, at: z.string() }),
]);

/** A job's end: two shapes, told apart by their fields. */
const jobEndSchema = z.union([
  // What this version writes: the trajectory by id, and what a live view shows of it.
  z.object({ type: z.literal('job-end'), jobId: z.string(), trajectoryId: z.string(), summary: jobEndSummarySchema, trajectory: trajectorySchema.optional(), at: z.string() }),
  // Event logs written before trajectories were referenced by id carry the whole trajectory.
  z.object({ type: z.literal('job-end'), jobId: z.string(), trajectory: trajectorySchema, at: z.string() }),
]);

/** A line of a run's `events.jsonl`, parsed on read like every persisted record. */
export const batchEventSchema = z.union([otherEventSchema, jobEndSchema]);

// The schema must describe exactly the engine's type: this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof batchEventSchema>, RunEvent> = true;
void schemaMatchesType;

const knownTypes = new Set<string>([...otherEventSchema.options.map((option) => option.shape.type.value), 'job-end']);

/**
 * One decoded line as a batch event: the event, 'unknown' for an event type this version does not
 * know (a newer engine: skipped, not an error), or 'invalid'.
 */
export function parseBatchEvent(raw: unknown): RunEvent | 'unknown' | 'invalid' {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && !knownTypes.has(type)) return 'unknown';
  const parsed = (type === 'job-end' ? jobEndSchema : otherEventSchema).safeParse(raw);
  return parsed.success ? parsed.data : 'invalid';
}
