import type { Command } from 'commander';
import { protocolNoteRoles, type ProtocolNoteRole } from '../rollout/protocol-notes.ts';
import type { RolloutLimits } from '../rollout/rollout-machine.ts';
import { UsageError } from './cli-io.ts';
import { wholeNumber } from './number-option.ts';

/** The flags of every command that runs conversations: offline policies, seed, Best-of-N, limits. */
export interface ConversationFlags {
  offline?: boolean;
  fallible?: boolean;
  seed: string;
  bestOf?: string | true;
  maxMessages: string;
  maxErrors: string;
  maxRepeatedCalls: string;
  maxRolloutTokens?: string;
  protocolNotes: string;
}

/** Adds the conversation flags, worded and defaulted the same for `rollout` and `generate`. */
export function addConversationOptions(command: Command): Command {
  return command
    .option('--offline', 'no model: the scripted human and the oracle agent (offline policies)')
    .option('--fallible', 'with --offline: the fallible agent, which makes seeded mistakes')
    .option('--seed <n>', 'run seed (job seeds derive from it)', '1')
    .option('--best-of [n]', 'Best-of-N for the human: N candidates (4 when no N is given) scored by the judge model')
    .option('--max-messages <n>', 'message limit per conversation', '200')
    .option('--max-errors <n>', 'tool/protocol error limit per conversation', '10')
    .option('--max-repeated-calls <n>', 'end a conversation as repeated-call when the agent makes the same tool call with the same arguments n times in a row', '3')
    .option('--max-rollout-tokens <n>', 'end a conversation as token-budget once its model calls (every role) spent n tokens (default: no budget)')
    .option('--protocol-notes <role>', 'how protocol notes reach the agent: user (user-role text, safe for strict chat templates) or system', 'user');
}

/** The per-conversation limits the flags ask for. */
export const conversationLimits = (flags: ConversationFlags): RolloutLimits => ({
  maxMessages: wholeNumber('--max-messages', flags.maxMessages, 1, 10_000),
  maxErrors: wholeNumber('--max-errors', flags.maxErrors, 1, 10_000),
  maxRepeatedCalls: wholeNumber('--max-repeated-calls', flags.maxRepeatedCalls, 2, 10_000),
  ...(flags.maxRolloutTokens !== undefined ? { maxTokens: wholeNumber('--max-rollout-tokens', flags.maxRolloutTokens, 1, 1_000_000_000) } : {}),
});

/** The role protocol notes are sent in. */
export function protocolNoteRole(flags: ConversationFlags): ProtocolNoteRole {
  const role = protocolNoteRoles.find((candidate) => candidate === flags.protocolNotes);
  if (!role) throw new UsageError(`--protocol-notes must be ${protocolNoteRoles.join(' or ')}, got "${flags.protocolNotes}"`);
  return role;
}

/** `--max-failed-jobs`: how many jobs may fail on their own (outages) before a batch stops starting jobs. */
export const DEFAULT_MAX_FAILED_JOBS = 5;

export function addFailedJobsOption(command: Command): Command {
  return command.option(
    '--max-failed-jobs <n>',
    'stop starting jobs once n jobs failed for reasons outside the agent (an outage); a 401/403/404 stops at once',
    String(DEFAULT_MAX_FAILED_JOBS),
  );
}

/** The failed-jobs budget the flag asks for. */
export const failedJobsBudget = (flags: { maxFailedJobs: string }): number => wholeNumber('--max-failed-jobs', flags.maxFailedJobs, 1, 1_000_000);
