import { z } from 'zod';
import { isFailedJobTermination, terminationReasonSchema } from '../rollout/termination.ts';
import { roleNameSchema, type Trajectory } from '../rollout/trajectory.ts';
import { verdictReasonSchema } from '../rollout/verdict.ts';

/** The version of the stored manifest format; bumped on any incompatible change. */
export const RUN_MANIFEST_SCHEMA_VERSION = 1;

const countSchema = z.number().int().nonnegative();

/** What a run has produced so far, counted from its trajectories. */
export const runCountsSchema = z.object({
  trajectories: countSchema,
  kept: countSchema,
  /** Trajectories not kept, by the verdict reason that rejected them. */
  rejected: z.partialRecord(verdictReasonSchema, countSchema),
  /** Every trajectory, by how its episode ended. */
  terminations: z.partialRecord(terminationReasonSchema, countSchema),
  /**
   * Jobs that failed for a reason outside the agent (outage, endpoint rejection, cancel), by that reason:
   * not trajectories, not in any rate. Absent in manifests written before failed jobs were told apart.
   */
  failedJobs: z.partialRecord(terminationReasonSchema, countSchema).optional(),
});
export type RunCounts = z.infer<typeof runCountsSchema>;

/** The description of one run folder: who made it, with what, and how far it got. */
export const runManifestSchema = z.object({
  schemaVersion: z.literal(RUN_MANIFEST_SCHEMA_VERSION),
  runId: z.string().min(1),
  /** From the clock the caller injected, never read here. */
  createdAt: z.iso.datetime(),
  /** The interplay version (or commit) that produced the run. */
  codeVersion: z.string().min(1),
  domain: z.string().min(1),
  seed: z.number().int(),
  /** The run configuration, already redacted by the caller (credential-like keys are refused). */
  config: z.record(z.string(), z.unknown()),
  /** The model behind each role. */
  models: z.partialRecord(roleNameSchema, z.string()),
  counts: runCountsSchema,
  /**
   * The batch pipeline's report (`interplay generate`): phase 1 verdicts, accounting, summary. Optional,
   * so manifests written before it existed still parse; its own schema lives with the pipeline.
   */
  batch: z.record(z.string(), z.unknown()).optional(),
});
export type RunManifest = z.infer<typeof runManifestSchema>;

export function emptyRunCounts(): RunCounts {
  return { trajectories: 0, kept: 0, rejected: {}, terminations: {} };
}

/**
 * The counts after adding `trajectories` (a new object; `counts` is left as it is). An old trajectory that
 * ended as a failed job (written before failed jobs had their own file) counts as a failed job, not a verdict.
 */
export function addToRunCounts(counts: RunCounts, trajectories: Iterable<Trajectory>): RunCounts {
  const next: RunCounts = { ...counts, rejected: { ...counts.rejected }, terminations: { ...counts.terminations } };
  for (const trajectory of trajectories) {
    const ending = trajectory.termination.reason;
    if (isFailedJobTermination(ending)) {
      next.failedJobs = { ...next.failedJobs, [ending]: (next.failedJobs?.[ending] ?? 0) + 1 };
      continue;
    }
    next.trajectories += 1;
    next.terminations[ending] = (next.terminations[ending] ?? 0) + 1;
    if (trajectory.verdict.kept) {
      next.kept += 1;
    } else {
      const reason = trajectory.verdict.reason;
      next.rejected[reason] = (next.rejected[reason] ?? 0) + 1;
    }
  }
  return next;
}
