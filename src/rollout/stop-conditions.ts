import type { ChatMessage } from '../models/index.ts';
import type { Termination } from './termination.ts';
import type { RolloutStats } from './trajectory.ts';

/** What a stop condition looks at between turns. */
export interface StopConditionInput {
  messages: readonly ChatMessage[];
  stats: RolloutStats;
}

/** A tiny predicate: the termination it calls for, or undefined to go on. */
export type StopCondition = (input: StopConditionInput) => Termination | undefined;

/** Stop when the conversation (system message excluded) reaches `limit` messages. */
export const maxMessages =
  (limit: number): StopCondition =>
  ({ messages }) => {
    const count = messages.filter((message) => message.role !== 'system').length;
    return count >= limit ? { reason: 'max-turns', detail: `reached ${count} messages (limit ${limit})` } : undefined;
  };

/** Stop when the agent's tool errors plus protocol errors reach `limit`. */
export const tooManyErrors =
  (limit: number): StopCondition =>
  ({ stats }) => {
    const errors = stats.toolErrors + stats.protocolErrors;
    return errors >= limit ? { reason: 'too-many-errors', detail: `${stats.toolErrors} tool errors and ${stats.protocolErrors} protocol errors (limit ${limit})` } : undefined;
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
