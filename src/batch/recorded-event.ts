import type { ChatMessage } from '../models/index.ts';
import type { BatchEvent, RunEvent } from './batch-events.ts';
import { summarizeJobEnd, type JobEndSummary } from './job-end-summary.ts';

/**
 * Characters of a message (of a tool call's arguments, of an ending's detail) that `events.jsonl` keeps: enough for
 * a viewer to follow a running conversation. The whole text is in the trajectory, read by id once it has ended.
 */
export const RECORDED_TEXT_CHARACTERS = 48;

const clip = (text: string) => (text.length > RECORDED_TEXT_CHARACTERS ? `${text.slice(0, RECORDED_TEXT_CHARACTERS)}…` : text);

/** A message as the event log keeps it: its text clipped, its reasoning left out (the trajectory has both). */
function recordedMessage(message: ChatMessage): ChatMessage {
  if (message.role !== 'assistant') return { ...message, content: clip(message.content) };
  const { reasoning: _reasoning, ...rest } = message;
  void _reasoning;
  return {
    ...rest,
    content: typeof rest.content === 'string' ? clip(rest.content) : rest.content,
    ...(rest.tool_calls ? { tool_calls: rest.tool_calls.map((call) => ({ ...call, function: { name: call.function.name, arguments: clip(call.function.arguments) } })) } : {}),
  };
}

function recordedSummary(summary: JobEndSummary): JobEndSummary {
  const { termination } = summary;
  return { ...summary, termination: termination.detail === undefined ? termination : { ...termination, detail: clip(termination.detail) } };
}

/**
 * Turns the engine's events into the lines of `events.jsonl`, small enough that the log stays a fraction of the
 * trajectory log: a job's end references its trajectory by id with a summary, and of a rollout's events only its
 * messages (clipped, each with its turn) and wait nudges are kept. One per log: it remembers each running job's turn.
 */
export class BatchEventRecorder {
  readonly #turns = new Map<string, number>();

  /** The line to append for an event, or undefined when the log leaves it out. */
  record(event: BatchEvent): RunEvent | undefined {
    switch (event.type) {
      case 'rollout': {
        const inner = event.event;
        if (inner.type === 'turn-start') this.#turns.set(event.jobId, inner.turn);
        if (inner.type === 'wait-nudge') return event;
        // The system prompt opening the agent's view is the domain's policy: the same in every trajectory.
        if (inner.type !== 'message' || (inner.index === 0 && inner.message.role === 'system')) return undefined;
        return { type: 'message', jobId: event.jobId, index: inner.index, turn: this.#turns.get(event.jobId) ?? 0, message: recordedMessage(inner.message) };
      }
      case 'job-end': {
        this.#turns.delete(event.jobId);
        const trajectoryId = 'trajectoryId' in event ? event.trajectoryId : event.trajectory.id;
        const summary = 'summary' in event ? event.summary : summarizeJobEnd(event.trajectory);
        return { type: 'job-end', jobId: event.jobId, trajectoryId, summary: recordedSummary(summary), at: event.at };
      }
      case 'job-failed':
        this.#turns.delete(event.jobId);
        return event;
      default:
        return event;
    }
  }
}
