import type { RolloutEvent } from '../rollout/rollout-events.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { BlueprintVerdictStatus } from './validate-blueprints.ts';

/** Running totals of a batch, as a live view shows them in its header. */
export interface BatchProgress {
  total: number;
  done: number;
  kept: number;
  rejected: number;
  /** Rollouts that ended in an infrastructure, agent or human error. */
  errors: number;
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
  | { type: 'job-end'; jobId: string; trajectory: Trajectory; at: string }
  | { type: 'job-skipped'; jobId: string; reason: 'already-done'; at: string }
  | { type: 'progress'; progress: BatchProgress; at: string };

/** Why a batch stopped starting jobs: the spending limit was reached, or it was cancelled. */
export type BatchStop =
  | { reason: 'max-cost'; spent: number; limit: number; notStarted: number }
  | { reason: 'aborted'; notStarted: number };

export type BatchEventListener = (event: BatchEvent) => void;
