import type { ChatMessage } from '../../models/chat-message.ts';
import type { Termination } from '../../rollout/termination.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import type { Verdict } from '../../rollout/verdict.ts';

/** One entry of a tau-bench results file (its `EnvRunResult`), with interplay's verdict as the info. */
export interface TauBenchResult {
  /** The blueprint (task) the trajectory tried. */
  task_id: string;
  /** 1 when the verdict kept the trajectory, else 0. */
  reward: number;
  info: { trajectory_id: string; termination: Termination; verdict: Verdict };
  /** The messages, system prompt first, as the agent saw them. */
  traj: ChatMessage[];
  /** The attempt number. */
  trial: number;
}

/** A trajectory as a tau-bench result entry, fields in tau-bench's order. */
export function toTauBenchResult(trajectory: Trajectory): TauBenchResult {
  return {
    task_id: trajectory.blueprintId,
    reward: trajectory.verdict.kept ? 1 : 0,
    info: { trajectory_id: trajectory.id, termination: trajectory.termination, verdict: trajectory.verdict },
    traj: [...trajectory.messages],
    trial: trajectory.attempt,
  };
}
