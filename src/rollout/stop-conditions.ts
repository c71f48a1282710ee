import { canonicalJson } from '../domain-kit/index.ts';
import type { ChatMessage, MessageToolCall } from '../models/index.ts';
import { isProtocolNote } from './protocol-notes.ts';
import { stopTokens, type Termination } from './termination.ts';
import { parseToolArguments } from './tool-execution.ts';
import type { RoleName, RoleUsage, RolloutStats } from './trajectory.ts';

/** What a stop condition looks at between turns. */
export interface StopConditionInput {
  messages: readonly ChatMessage[];
  stats: RolloutStats;
  /** Tokens and calls so far, per role. */
  usage?: Partial<Record<RoleName, RoleUsage>>;
}

/** A tiny predicate: the termination it calls for, or undefined to go on. */
export type StopCondition = (input: StopConditionInput) => Termination | undefined;

/** Stop when the conversation (system message excluded) reaches `limit` messages. */
export const maxMessages =
  (limit: number): StopCondition =>
  ({ messages }) => {
    let count = 0;
    for (const message of messages) if (message.role !== 'system') count++;
    return count >= limit ? { reason: 'max-turns', detail: `reached ${count} messages (limit ${limit})` } : undefined;
  };

/** Stop when the agent's tool errors plus protocol errors reach `limit`. */
export const tooManyErrors =
  (limit: number): StopCondition =>
  ({ stats }) => {
    const errors = stats.toolErrors + stats.protocolErrors;
    return errors >= limit ? { reason: 'too-many-errors', detail: `${stats.toolErrors} tool errors and ${stats.protocolErrors} protocol errors (limit ${limit})` } : undefined;
  };

/** Call keys already made: the check runs after every turn over the same (never changed) calls. */
const callKeys = new WeakMap<MessageToolCall, string>();

/** A tool call's identity: its name and its arguments in canonical JSON (the raw text when they do not parse). */
function callKey(call: MessageToolCall): string {
  let key = callKeys.get(call);
  if (key === undefined) {
    const parsed = parseToolArguments(call.function.arguments);
    key = `${call.function.name}:${parsed.ok ? canonicalJson(parsed.value ?? {}) : call.function.arguments}`;
    callKeys.set(call, key);
  }
  return key;
}

/**
 * Stop when the agent made the same tool call (same name, same canonical arguments) `limit` times in a
 * row. Only calls that were answered count, so the episode ends after the last one ran and the transcript
 * stays whole; a message from the human between two calls breaks the row (the human may ask to look again).
 */
export const repeatedCall =
  (limit: number): StopCondition =>
  ({ messages }) => {
    const answered = new Set<string>();
    let run = 0;
    let key: string | undefined;
    let name = '';
    for (let index = messages.length - 1; index >= 0 && run < limit; index--) {
      const message = messages[index] as ChatMessage;
      if (message.role === 'tool') answered.add(message.tool_call_id);
      else if (message.role === 'user' && !isProtocolNote(message, index)) break;
      else if (message.role === 'assistant') {
        const calls = message.tool_calls ?? [];
        for (let position = calls.length - 1; position >= 0; position--) {
          const call = calls[position] as MessageToolCall;
          if (!answered.has(call.id)) continue;
          const current = callKey(call);
          if (key !== undefined && current !== key) return undefined;
          key = current;
          name = call.function.name;
          run++;
        }
      }
    }
    return run >= limit ? { reason: 'repeated-call', detail: `the agent called ${name} with the same arguments ${run} times in a row (limit ${limit})` } : undefined;
  };

/** Stop when every role together has spent `limit` tokens (prompt plus completion) in this rollout. */
export const tokenBudget =
  (limit: number): StopCondition =>
  ({ usage = {} }) => {
    const spent = Object.values(usage).reduce((total, role) => total + (role ? role.promptTokens + role.completionTokens : 0), 0);
    return spent >= limit ? { reason: 'token-budget', detail: `spent ${spent} tokens (budget ${limit})` } : undefined;
  };

/**
 * Stop when the agent wrote a stop token. Only the user may end a conversation with one: an agent that
 * writes ###STOP### ends the episode as `agent-stop` (which is never kept) instead of talking to itself
 * until the message limit.
 */
export const agentSaidStop =
  (): StopCondition =>
  ({ messages }) => {
    const last = messages[messages.length - 1];
    if (last?.role !== 'assistant' || !last.content) return undefined;
    const content = last.content;
    const token = Object.keys(stopTokens).find((candidate) => content.includes(candidate));
    return token ? { reason: 'agent-stop', detail: `the agent wrote a stop token (${token}); only the user may end the conversation` } : undefined;
  };

/** The first condition that calls for a stop. */
export const anyOf =
  (...conditions: StopCondition[]): StopCondition =>
  (input) => {
    for (const condition of conditions) {
      const termination = condition(input);
      if (termination) return termination;
    }
    return undefined;
  };
