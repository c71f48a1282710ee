import { blueprintToTask } from '../../interop/tau-bench-tasks.ts';
import type { ChatMessage } from '../../models/chat-message.ts';
import type { Termination } from '../../rollout/termination.ts';
import type { Verdict } from '../../rollout/verdict.ts';
import type { ExportItem } from './export-context.ts';

/** A task in tau-bench's shape (its `Task` model). */
export interface TauBenchTaskRecord {
  user_id: string;
  actions: { name: string; kwargs: Record<string, unknown> }[];
  instruction: string;
  outputs: string[];
}

/**
 * tau-bench's `RewardResult`: the reward, the check behind it, and the gold actions. `info` carries both
 * of tau-bench's shapes at once (`r_actions`/`gt_data_hash` always, `r_outputs`/`outputs` when the task
 * expects outputs), so it loads as either. `gt_data_hash` is interplay's state hash (RFC 8785 canonical
 * JSON, SHA-256), not tau-bench's own hash function.
 */
export interface TauBenchRewardInfo {
  reward: number;
  info: { r_actions: number; gt_data_hash: string; r_outputs?: number; outputs?: Record<string, boolean> };
  actions: TauBenchTaskRecord['actions'];
}

/** One entry of a tau-bench results file (its `EnvRunResult`), interplay's verdict kept beside tau-bench's fields. */
export interface TauBenchResult {
  /** The task index of a task imported from tau-bench; otherwise the blueprint's position in the run's inputs. */
  task_id: number;
  /** 1 when the verdict (re-derived at export) keeps the trajectory, else 0. */
  reward: number;
  info: {
    task: TauBenchTaskRecord;
    reward_info: TauBenchRewardInfo;
    blueprint_id: string;
    trajectory_id: string;
    termination: Termination;
    verdict: Verdict;
  };
  /** The messages, system prompt first, as the agent saw them. */
  traj: ChatMessage[];
  /** The attempt number. */
  trial: number;
}

function rewardInfo(verdict: Verdict, task: TauBenchTaskRecord): TauBenchRewardInfo {
  const outputs = verdict.outputs.expected.length > 0 ? { r_outputs: verdict.outputs.missing.length === 0 ? 1 : 0, outputs: Object.fromEntries(verdict.outputs.expected.map((output) => [output, verdict.outputs.found.includes(output)])) } : {};
  return { reward: verdict.kept ? 1 : 0, info: { r_actions: verdict.state.match ? 1 : 0, gt_data_hash: verdict.state.goldHash, ...outputs }, actions: task.actions };
}

/**
 * A message without its reasoning: `traj` is what the agent saw, and no model is ever sent reasoning (the
 * agent's or the human's); this format has no `--include-reasoning`, so reasoning never goes out in it.
 */
function withoutReasoning(message: ChatMessage): ChatMessage {
  if ((message.role !== 'assistant' && message.role !== 'user') || message.reasoning === undefined) return message;
  const { reasoning: _reasoning, ...rest } = message;
  return rest;
}

/** A trajectory as a tau-bench result entry, fields in tau-bench's order, loadable by tau-bench's `EnvRunResult`. */
export function toTauBenchResult(item: ExportItem): TauBenchResult {
  const { trajectory, verdict, blueprint } = item;
  const task = blueprintToTask(blueprint);
  return {
    task_id: item.taskId,
    reward: verdict.kept ? 1 : 0,
    info: {
      task,
      reward_info: rewardInfo(verdict, task),
      blueprint_id: blueprint.id,
      trajectory_id: trajectory.id,
      termination: trajectory.termination,
      verdict,
    },
    traj: trajectory.messages.map(withoutReasoning),
    trial: trajectory.attempt,
  };
}
