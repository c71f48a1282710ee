import type { ChatMessage } from '../models/index.ts';
import type { TrajectoryDiagnostics } from '../rollout/diagnostics/index.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { Verdict } from '../rollout/verdict.ts';
import type { TrajectoryView } from './report-data.ts';

/** Simulated-human turns: user messages that are not harness notes. */
export const userTurnsOf = (trajectory: Pick<Trajectory, 'messages'>) => trajectory.messages.filter((message) => message.role === 'user' && !message.note).length;

/**
 * What the report's trajectory view needs of one trajectory (pure). The system prompt (the policy, the same
 * in every trajectory of a run) is stored once: `sharePrompt` gives its index in the report's shared list,
 * and the message keeps an empty content.
 */
export function toTrajectoryView(trajectory: Trajectory, verdict: Verdict, diagnostics: TrajectoryDiagnostics | undefined, sharePrompt: (text: string) => number): TrajectoryView {
  const first = trajectory.messages[0];
  const shared = first?.role === 'system' && !first.note ? sharePrompt(first.content) : undefined;
  return {
    id: trajectory.id,
    blueprintId: trajectory.blueprintId,
    attempt: trajectory.attempt,
    models: trajectory.models,
    termination: trajectory.termination,
    stats: { turns: trajectory.stats.turns, toolCalls: trajectory.stats.toolCalls, userTurns: userTurnsOf(trajectory) },
    durationMs: trajectory.timings.durationMs,
    messages: shared === undefined ? trajectory.messages : [{ ...(first as ChatMessage & { role: 'system' }), content: '' }, ...trajectory.messages.slice(1)],
    ...(shared === undefined ? {} : { systemPrompt: shared }),
    verdict,
    ...(diagnostics ? { diagnostics } : {}),
  };
}
