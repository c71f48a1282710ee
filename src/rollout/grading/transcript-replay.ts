import { DomainState, type BaseState, type Domain } from '../../domain-kit/index.ts';
import type { ChatMessage, MessageToolCall } from '../../models/index.ts';
import { executeToolCall, parseToolArguments, type ToolOutcome } from '../tool-execution.ts';

/** A write the agent made that succeeded, with the message that asked for it. */
export interface ReplayedWrite {
  name: string;
  arguments: unknown;
  messageIndex: number;
}

/** Where a transcript stops re-deriving, for people: `message 7: ...`. */
export interface TranscriptProblem {
  messageIndex: number;
  text: string;
}

export interface TranscriptReplay {
  /** The agent's final state: its calls re-executed, in order, on a fresh state. */
  state: DomainState;
  writes: ReplayedWrite[];
  /** Indexes of the agent messages whose terminal call (the transfer tool) succeeded. */
  transfers: number[];
  /** Every tool result the agent received, as the fresh replay produced it. */
  toolResults: string[];
  /** The first place where the stored messages and the replay disagree. */
  problem?: TranscriptProblem;
}

export interface ReplayOptions {
  /**
   * Whether the final agent message's calls may have no results: true when the rollout ended between the
   * agent's reply and the tools (a limit, an error, a cancellation). Such calls never ran: they are not
   * replayed. Never true for an ending the human chose (a stop token).
   */
  trailingCallsMayBeUnanswered: boolean;
}

interface PendingBatch {
  messageIndex: number;
  calls: readonly MessageToolCall[];
  executed: boolean;
}

const describeCall = (call: MessageToolCall) => `${call.function.name} (call id "${call.id}")`;

/**
 * Re-executes every tool call of a transcript on a fresh state, in order, as the rollout ran them (all the
 * calls of one agent message, then their results), and compares each result with the stored tool
 * message. A result that differs (a tampered observation), a call that got no result while the
 * conversation went on (an unanswered write), a result for an id no pending call has: each is a problem
 * naming its message index, and the replay stops there.
 */
export function replayTranscript(domain: Domain, base: BaseState, messages: readonly ChatMessage[], options: ReplayOptions): TranscriptReplay {
  const state = new DomainState(base);
  const replay: TranscriptReplay = { state, writes: [], transfers: [], toolResults: [] };
  const outstanding = new Map<string, { call: MessageToolCall; outcome: ToolOutcome; messageIndex: number }>();
  let batch: PendingBatch | undefined;

  const execute = (pending: PendingBatch) => {
    pending.executed = true;
    for (const call of pending.calls) {
      const outcome = executeToolCall(domain, state, call);
      outstanding.set(call.id, { call, outcome, messageIndex: pending.messageIndex });
      if (!outcome.ok) continue;
      if (outcome.kind === 'write') {
        const parsed = parseToolArguments(call.function.arguments);
        replay.writes.push({ name: call.function.name, arguments: parsed.ok ? parsed.value : undefined, messageIndex: pending.messageIndex });
      }
      if (outcome.kind === 'terminal') replay.transfers.push(pending.messageIndex);
    }
  };
  const unanswered = (pending: PendingBatch, calls: readonly MessageToolCall[]): TranscriptProblem => ({
    messageIndex: pending.messageIndex,
    text: `message ${pending.messageIndex}: ${calls.map(describeCall).join(', ')} got no tool result`,
  });

  for (let index = 0; index < messages.length && !replay.problem; index++) {
    const message = messages[index] as ChatMessage;
    if (message.role === 'tool') {
      if (batch && !batch.executed) execute(batch);
      const pending = outstanding.get(message.tool_call_id);
      if (!pending) {
        replay.problem = { messageIndex: index, text: `message ${index}: a tool result for call id "${message.tool_call_id}", which no pending agent call has` };
        break;
      }
      outstanding.delete(message.tool_call_id);
      replay.toolResults.push(pending.outcome.content);
      if (pending.outcome.content !== message.content) {
        replay.problem = { messageIndex: index, text: `message ${index}: the stored result of ${describeCall(pending.call)} differs from a fresh replay of the call` };
      }
      continue;
    }
    if (batch && !batch.executed) replay.problem = unanswered(batch, batch.calls);
    else if (batch && outstanding.size > 0) replay.problem = unanswered(batch, [...outstanding.values()].map((entry) => entry.call));
    if (replay.problem) break;
    batch = undefined;
    if (message.role !== 'assistant' || !message.tool_calls?.length) continue;
    const ids = new Set(message.tool_calls.map((call) => call.id));
    if (ids.size !== message.tool_calls.length) {
      replay.problem = { messageIndex: index, text: `message ${index}: two tool calls share one call id` };
      break;
    }
    batch = { messageIndex: index, calls: message.tool_calls, executed: false };
  }
  if (!replay.problem && batch) {
    const lastMessage = batch.messageIndex === messages.length - 1;
    if (!batch.executed && !(lastMessage && options.trailingCallsMayBeUnanswered)) replay.problem = unanswered(batch, batch.calls);
    else if (batch.executed && outstanding.size > 0) replay.problem = unanswered(batch, [...outstanding.values()].map((entry) => entry.call));
  }
  return replay;
}
