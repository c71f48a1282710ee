import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import type { AssistantMessage, ChatMessage } from '../../models/chat-message.ts';
import { isProtocolNote } from '../../rollout/protocol-notes.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import type { Verdict } from '../../rollout/verdict.ts';

/** What an export needs besides the trajectories: the domain's policy and its tools. */
export interface ExportContext {
  /** The agent policy, used as the system prompt when a trajectory stored none. */
  policy: string;
  tools: readonly FunctionToolSchema[];
  /**
   * A system prompt that replaces the stored one in every record: tau-bench's original policy text
   * (`--policy-text`) for runs on tasks imported from tau-bench.
   */
  systemPrompt?: string;
  /** Keep the agent's reasoning (ShareGPT: a `<think>` block; OpenAI: `reasoning_content`). Dropped by default. */
  includeReasoning?: boolean;
}

/** One trajectory as an export sees it: graded again, with its blueprint and tau-bench task id. */
export interface ExportItem {
  trajectory: Trajectory;
  /** The verdict re-derived before export (never the stored one). */
  verdict: Verdict;
  blueprint: Blueprint;
  /** tau-bench's integer task id: the task index of a task imported from tau-bench, else the blueprint's position in the run's inputs. */
  taskId: number;
}


/** An assistant message with only the wire fields (and the reasoning, when asked for). */
function exportedAssistant(message: AssistantMessage, includeReasoning: boolean): AssistantMessage {
  return {
    role: 'assistant',
    content: message.content,
    ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}),
    ...(includeReasoning && message.reasoning ? { reasoning: message.reasoning } : {}),
  };
}

/**
 * The conversation a fine-tuning record holds: protocol notes dropped, assistant messages reduced to
 * their wire fields (reasoning only when asked for), and ending on the agent's last turn — the user's
 * closing message (its stop token) teaches the agent nothing and is left out, as in APIGen-MT-5k.
 */
export function trainingMessages(trajectory: Trajectory, context: ExportContext): ChatMessage[] {
  const messages = trajectory.messages
    .filter((message, index) => !isProtocolNote(message, index, trajectory.schemaVersion))
    .map((message): ChatMessage => {
      if (message.role === 'assistant') return exportedAssistant(message, context.includeReasoning === true);
      return message.role === 'tool' ? message : { role: message.role, content: message.content };
    });
  let end = messages.length;
  while (end > 0 && messages[end - 1]?.role === 'user') end -= 1;
  return messages.slice(0, end);
}

/** The system prompt of a record: `--policy-text` when given, else the trajectory's own (its first message), else the domain policy. */
export function systemPromptOf(trajectory: Trajectory, context: ExportContext): string {
  if (context.systemPrompt !== undefined) return context.systemPrompt;
  const first = trajectory.messages[0];
  return first?.role === 'system' && first.note !== 'protocol' ? first.content : context.policy;
}
