import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { blueprintSchema, type Blueprint } from '../blueprints/blueprint.ts';
import { InvalidDataError } from '../domain-kit/index.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { describeIssues } from './describe-issues.ts';
import { runManifestSchema, type RunManifest } from './run-manifest.ts';

/** The file in a run folder that keeps the blueprints and the data the run used, so it can be re-graded alone. */
export const RUN_INPUTS_FILE = 'inputs.json';

/**
 * The per-endpoint rate limits a run was started (or last resumed) with: `--resume` reuses them unless
 * its own flags override them, so a resumed run keeps within the limits the user set.
 */
export const storedRateLimitsSchema = z.object({
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
  concurrency: z.number().int().positive().optional(),
});
export type StoredRateLimits = z.infer<typeof storedRateLimitsSchema>;

/**
 * What each endpoint (by its limiter key) was sent in the last minute of the session that stored it:
 * request times and `[time, tokens]` charges (clock milliseconds). The next session counts them in its
 * rate-limit windows, so a resume right after a stop stays within the limits across the two sessions.
 */
export const recentEndpointUseSchema = z.record(z.string(), z.object({ requests: z.array(z.number()), tokens: z.array(z.tuple([z.number(), z.number()])) }));
export type StoredRecentUse = z.infer<typeof recentEndpointUseSchema>;

export const runInputsSchema = z.object({
  schemaVersion: z.literal(1),
  /** The data folder the run used, or null for the domain's shipped database. */
  dataFolder: z.string().nullable(),
  /** The hash of that data when the run started: re-grading refuses data that changed since. */
  baseHash: z.string(),
  blueprints: z.array(blueprintSchema),
  /** Absent in runs made before limits were stored, and in runs that set none. */
  rateLimits: storedRateLimitsSchema.optional(),
  /** Absent until a session with limits ended. */
  recentUse: recentEndpointUseSchema.optional(),
  /**
   * The manifest the run started with (its identity: settings, seed, models), written in the same atomic
   * file as the inputs and before manifest.json: a writer killed between the two resumes from it. Absent in
   * runs made before it was stored, and once phase 1 rewrote the inputs (manifest.json exists by then).
   */
  manifest: runManifestSchema.optional(),
});
export type RunInputs = z.infer<typeof runInputsSchema>;

/** What a writer gives for a run's inputs file (the schema version is added here). */
export interface RunInputsContent {
  dataFolder: string | null;
  baseHash: string;
  blueprints: Blueprint[];
  rateLimits?: StoredRateLimits | undefined;
  recentUse?: StoredRecentUse | undefined;
  manifest?: RunManifest | undefined;
}

/** Writes the inputs through a temporary file, so a crash leaves the old file or the new one, never half of one. */
export async function writeRunInputs(folder: string, inputs: RunInputsContent): Promise<void> {
  const { rateLimits, recentUse, manifest, ...rest } = inputs;
  const stored = {
    schemaVersion: 1,
    ...rest,
    ...(rateLimits && Object.keys(rateLimits).length > 0 ? { rateLimits } : {}),
    ...(recentUse && Object.keys(recentUse).length > 0 ? { recentUse } : {}),
    ...(manifest ? { manifest } : {}),
  };
  await writeFileAtomically(join(folder, RUN_INPUTS_FILE), [`${JSON.stringify(stored, null, 1)}\n`]);
}

/**
 * Replaces the stored rate limits of a run and what its endpoints were sent in the last minute (at the end
 * of a session), keeping the rest of its inputs. Rate limits given at a resume are stored for the next one.
 */
export async function storeRunRateLimits(folder: string, rateLimits: StoredRateLimits, recentUse?: StoredRecentUse): Promise<void> {
  const inputs = await readRunInputs(folder);
  await writeRunInputs(folder, { ...inputs, rateLimits, recentUse });
}

export async function readRunInputs(folder: string): Promise<RunInputs> {
  const file = join(folder, RUN_INPUTS_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InvalidDataError(`cannot read the run's inputs (${(error as Error).message})`, file);
  }
  const parsed = runInputsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError("not a valid run inputs file", file, describeIssues(parsed.error));
  return parsed.data;
}
