import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';

/** What an export needs besides the trajectories: the domain's policy and its tools. */
export interface ExportContext {
  /** The agent policy, used as the system prompt when a trajectory stored none. */
  policy: string;
  tools: readonly FunctionToolSchema[];
}

export interface ExportSelection {
  /** Also export trajectories whose verdict did not keep them. */
  all?: boolean;
}

/** Exports hold accepted trajectories only, unless `all` is asked for. */
export function isSelectedForExport(trajectory: Trajectory, selection: ExportSelection = {}): boolean {
  return selection.all === true || trajectory.verdict.kept;
}

/** The system prompt the agent saw: the trajectory's own system message, else the domain policy. */
export function systemPromptOf(trajectory: Trajectory, context: ExportContext): string {
  const system = trajectory.messages.find((message) => message.role === 'system');
  return system ? system.content : context.policy;
}
