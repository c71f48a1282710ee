import type { Termination } from '../rollout/termination.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { VerdictReason } from '../rollout/verdict.ts';

/**
 * What a live view shows of a finished job at a glance, carried by its `job-end` event. The trajectory itself
 * is never repeated in `events.jsonl`: it is in `trajectories.jsonl` under its id, where a viewer reads it
 * when someone opens the rollout.
 */
export interface JobEndSummary {
  kept: boolean;
  reason: VerdictReason;
  termination: Termination;
  turns: number;
  toolCalls: number;
  toolErrors: number;
  /** Tokens of every role's calls. */
  tokens: number;
  stateMatch: boolean;
  missingOutputs: number;
}

/** Tokens of every role's calls in a trajectory. */
export const trajectoryTokens = (trajectory: Trajectory) => Object.values(trajectory.usage).reduce((sum, usage) => sum + (usage?.totalTokens ?? 0), 0);

/** What a job's end event says of its trajectory. */
export function summarizeJobEnd(trajectory: Trajectory): JobEndSummary {
  const { verdict, stats } = trajectory;
  return {
    kept: verdict.kept,
    reason: verdict.reason,
    termination: trajectory.termination,
    turns: stats.turns,
    toolCalls: stats.toolCalls,
    toolErrors: stats.toolErrors,
    tokens: trajectoryTokens(trajectory),
    stateMatch: verdict.state.match,
    missingOutputs: verdict.outputs.missing.length,
  };
}
