import type { ChatMessage } from '../models/index.ts';
import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { Termination } from '../rollout/termination.ts';
import type { RoleName, Trajectory } from '../rollout/trajectory.ts';
import type { JobEndSummary } from './job-end-summary.ts';
import type { BlueprintVerdictStatus } from './validate-blueprints.ts';

/** Running totals of a batch, as a live view shows them in its header. */
export interface BatchProgress {
  total: number;
  done: number;
  kept: number;
  rejected: number;
  /** Rollouts that ended in an agent or human error (a bad reply: still a verdict). */
  errors: number;
  /**
   * Jobs failed for a reason outside the agent (outage, endpoint rejection, cancel): not graded, not in
   * `done`. The pipeline always sets it; absent (0) in progress recorded before failed jobs were counted.
   */
  failed?: number;
  running: number;
  tokens: number;
  /** In the currency of the price table (USD by default); 0 when no prices are known. */
  cost: number;
  /** Milliseconds since the batch started (from the injected clock). */
  elapsedMs: number;
}

/**
 * What a batch reports as it runs. The engine prints nothing: the live UI, the plain progress lines
 * and the run folder's `events.jsonl` (which `interplay watch` follows) all subscribe to these.
 */
export type BatchEvent =
  | {
      type: 'phase';
      phase: 'validation' | 'rollouts' | 'done';
      at: string;
      /** On `done` only: why the batch stopped before every job was started (absent when it ran them all). */
      stopped?: BatchStop;
    }
  | { type: 'blueprint-validated'; blueprintId: string; status: BlueprintVerdictStatus; at: string }
  | { type: 'job-start'; jobId: string; blueprintId: string; attempt: number; at: string }
  | { type: 'rollout'; jobId: string; event: RolloutEvent; at: string }
  | {
      type: 'job-end';
      jobId: string;
      /** The trajectory's id in the run's trajectories.jsonl, where it was written before this event. */
      trajectoryId: string;
      summary: JobEndSummary;
      /** In memory only (this process's listeners): `events.jsonl` never repeats a trajectory. */
      trajectory?: Trajectory;
      at: string;
    }
  /** A job's end as event logs written before trajectories were referenced by id carry it (and a trajectory log read as events). */
  | { type: 'job-end'; jobId: string; trajectory: Trajectory; at: string }
  /** The job ended for a reason outside the agent: recorded in failed-jobs.jsonl, never graded. */
  | { type: 'job-failed'; jobId: string; blueprintId: string; attempt: number; termination: Termination; role?: RoleName; model?: string; at: string }
  | { type: 'job-skipped'; jobId: string; reason: 'already-done'; at: string }
  | { type: 'progress'; progress: BatchProgress; at: string };

/**
 * Why a batch stopped starting jobs: the spending limit was reached; it was cancelled; an endpoint refused
 * the key or the model (401/403/404: every other job would fail the same way, so the running ones were
 * cancelled too); or too many jobs failed in this session (`--max-failed-jobs`: a long outage).
 */
export type BatchStop =
  | { reason: 'max-cost'; spent: number; limit: number; notStarted: number }
  | { reason: 'aborted'; notStarted: number }
  | { reason: 'endpoint-rejected'; role?: RoleName; model?: string; detail?: string; notStarted: number }
  | { reason: 'max-failed-jobs'; failed: number; limit: number; notStarted: number };

export type BatchEventListener = (event: BatchEvent) => void;

/**
 * A message of a running rollout as `events.jsonl` records it (the engine emits it as a rollout event): its text
 * clipped, with the turn it was said in, and no time stamp. The log records no other rollout event but wait
 * nudges: the messages and the job's end say the rest, and the trajectory log holds the whole conversation.
 */
export interface RecordedMessage {
  type: 'message';
  jobId: string;
  index: number;
  turn: number;
  message: ChatMessage;
}

/** What a viewer reads: the engine's events (in this process), or the lines of `events.jsonl`. */
export type RunEvent = BatchEvent | RecordedMessage;

export type RunEventListener = (event: RunEvent) => void;
