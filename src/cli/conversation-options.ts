import type { Command } from 'commander';
import { DEFAULT_BEST_OF } from '../rollout/model-human.ts';
import type { RolloutLimits } from '../rollout/rollout-machine.ts';
import { wholeNumber } from './number-option.ts';

/** The flags of every command that runs conversations: offline policies, seed, Best-of-N, limits. */
export interface ConversationFlags {
  offline?: boolean;
  fallible?: boolean;
  seed: string;
  bestOf?: string | true;
  maxMessages: string;
  maxErrors: string;
}

/** Adds the conversation flags, worded and defaulted the same for `rollout` and `generate`. */
export function addConversationOptions(command: Command): Command {
  return command
    .option('--offline', 'no model: the scripted human and the oracle agent (offline policies)')
    .option('--fallible', 'with --offline: the fallible agent, which makes seeded mistakes')
    .option('--seed <n>', 'run seed (job seeds derive from it)', '1')
    .option('--best-of [n]', 'Best-of-N for the human: N candidates (4 when no N is given) scored by the judge model')
    .option('--max-messages <n>', 'message limit per conversation', '200')
    .option('--max-errors <n>', 'tool/protocol error limit per conversation', '10');
}

/** The per-conversation limits the flags ask for. */
export const conversationLimits = (flags: ConversationFlags): RolloutLimits => ({
  maxMessages: wholeNumber('--max-messages', flags.maxMessages, 1, 10_000),
  maxErrors: wholeNumber('--max-errors', flags.maxErrors, 1, 10_000),
});

/** Best-of-N's N, or undefined when the human answers once. */
export const bestOfCount = (flags: ConversationFlags): number | undefined =>
  flags.bestOf === true ? DEFAULT_BEST_OF : flags.bestOf ? wholeNumber('--best-of', flags.bestOf, 1, 16) : undefined;
