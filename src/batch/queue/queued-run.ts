import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { blueprintSchema } from '../../blueprints/blueprint.ts';
import { roleNameSchema, trajectorySchema } from '../../rollout/trajectory.ts';
import { terminationSchema } from '../../rollout/termination.ts';
import { generateSettingsSchema } from '../generate-settings.ts';
import { priceTableSchema } from '../model-prices.ts';
import { ledgerLineSchema } from '../usage-ledger.ts';
import type { QueueLocation } from './queue-connection.ts';

export const QUEUED_RUN_SCHEMA_VERSION = 1;

/** How long a run's inputs stay in Redis after its coordinator last stored them (a resume stores them again). */
const RUN_INPUTS_TTL_SECONDS = 14 * 24 * 3600;

/**
 * What a worker needs of a run, stored once per run in Redis (never the run folder, never a key): the
 * domain, its data when it is not the shipped one, the base hash to check it against, the run's generate
 * settings with REDACTED model configs, the rate limits and the price table.
 */
export const queuedRunSchema = z.object({
  schemaVersion: z.literal(QUEUED_RUN_SCHEMA_VERSION),
  runKey: z.string().min(1),
  domain: z.string().min(1),
  /** The raw data folder's records; null for the domain's shipped database. */
  data: z.unknown().nullable(),
  baseHash: z.string(),
  settings: generateSettingsSchema,
  rateLimits: z.object({ requestsPerMinute: z.number().positive().optional(), tokensPerMinute: z.number().positive().optional(), concurrency: z.number().int().positive().optional() }),
  prices: priceTableSchema,
});
export type QueuedRun = z.infer<typeof queuedRunSchema>;

/** One BullMQ job's data: the run it belongs to and the rollout job itself (blueprint included). */
export const queuedJobSchema = z.object({
  schemaVersion: z.literal(QUEUED_RUN_SCHEMA_VERSION),
  runKey: z.string().min(1),
  job: z.object({ id: z.string(), blueprint: blueprintSchema, attempt: z.number().int().nonnegative(), seed: z.number().int() }),
});
export type QueuedJob = z.infer<typeof queuedJobSchema>;

/**
 * What a worker returns for a job (BullMQ keeps it as the job's return value): a graded trajectory, or a
 * failed job (outage, endpoint rejection, cancel, a worker without the key). `usage` is what the job's
 * model calls spent, for the coordinator's ledger.
 */
export const queuedResultSchema = z.discriminatedUnion('kind', [
  z.object({ schemaVersion: z.literal(QUEUED_RUN_SCHEMA_VERSION), kind: z.literal('trajectory'), trajectory: trajectorySchema, usage: z.array(ledgerLineSchema) }),
  z.object({
    schemaVersion: z.literal(QUEUED_RUN_SCHEMA_VERSION),
    kind: z.literal('failed'),
    failedJob: z.object({ termination: terminationSchema, role: roleNameSchema.optional(), model: z.string().optional(), usage: z.record(z.string(), z.unknown()) }),
    usage: z.array(ledgerLineSchema),
  }),
]);
export type QueuedResult = z.infer<typeof queuedResultSchema>;

/**
 * A run's key on the queue: stable across its sessions (a resume finds its jobs again), distinct for two
 * runs of one name on two machines. The coordinator derives it from the run's identity and where it lives.
 */
export function queueRunKey(identity: { host: string; folder: string; runId: string; createdAt: string }): string {
  return createHash('sha256').update(`${identity.host}\n${identity.folder}\n${identity.runId}\n${identity.createdAt}`).digest('hex').slice(0, 20);
}

/** BullMQ's id of a rollout job: the run's key and the deterministic job id (BullMQ ids may not hold ':'). */
export const bullJobId = (runKey: string, jobId: string) => `${runKey}.${jobId.replaceAll(':', '%3A')}`;

/** Where this module keeps its own keys on a queue (beside BullMQ's `bull:<name>:*`). */
export const runInputsKey = (location: QueueLocation, runKey: string) => `interplay:${location.name}:run:${runKey}:inputs`;

/** Stores a run's inputs for its workers (again on every session: a resume refreshes them). */
export async function storeQueuedRun(redis: Redis, location: QueueLocation, run: QueuedRun): Promise<void> {
  await redis.set(runInputsKey(location, run.runKey), JSON.stringify(queuedRunSchema.parse(run)), 'EX', RUN_INPUTS_TTL_SECONDS);
}

/** A run's inputs as its coordinator stored them; an error naming the run when they are gone or malformed. */
export async function fetchQueuedRun(redis: Redis, location: QueueLocation, runKey: string): Promise<QueuedRun> {
  const text = await redis.get(runInputsKey(location, runKey));
  if (text === null) throw new Error(`run ${runKey} has no inputs on queue ${location.name} (its coordinator stores them before the first job; they expire ${RUN_INPUTS_TTL_SECONDS / 86_400} days after its last session)`);
  const parsed = queuedRunSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`run ${runKey}'s inputs on queue ${location.name} are not readable: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}
