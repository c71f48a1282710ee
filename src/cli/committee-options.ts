import type { Command } from 'commander';
import { DEFAULT_COMMITTEE_THRESHOLD } from '../blueprints/committee/committee-vote.ts';
import { UsageError } from './cli-io.ts';
import { wholeNumberArgument } from './number-option.ts';

/** The committee flags as commander parsed them (`threshold` always has its default). */
export interface CommitteeFlags {
  threshold: number;
  minVoters?: number;
  maxRounds?: number;
}

/** The committee settings a validation runs with; absent fields take validation's defaults. */
export interface CommitteeSettings {
  threshold: number;
  minVoters?: number;
  maxRounds?: number;
}

/**
 * `--threshold`, `--min-voters` and `--max-rounds`: how the review committee decides and how often a failed
 * blueprint is revised. One definition for every command that runs the committee (`validate`, `generate`),
 * so names, meanings, parsing and errors stay the same.
 */
export function addCommitteeOptions(command: Command): Command {
  return command
    .option('--threshold <n>', 'how many of the 4 criteria the committee vote must pass', wholeNumberArgument(1, 4), DEFAULT_COMMITTEE_THRESHOLD)
    .option('--min-voters <n>', 'reviewers that must vote for the committee to decide (default: a majority of the committee); fewer: undecided', wholeNumberArgument(1))
    .option('--max-rounds <n>', 'revisions a failed blueprint may get (default: retail 3, airline 5)', wholeNumberArgument(0));
}

/**
 * The committee settings of `flags`, checked against the committee they apply to: `--min-voters` needs a
 * committee (not `--offline`) at least that large. Throws a UsageError naming the flag otherwise.
 */
export function committeeSettings(flags: CommitteeFlags, committee: { reviewers: number; offline: boolean }): CommitteeSettings {
  if (flags.minVoters !== undefined) {
    if (committee.offline) throw new UsageError('--min-voters applies to the committee, which --offline skips');
    if (flags.minVoters > committee.reviewers) throw new UsageError(`--min-voters ${flags.minVoters} is more than the committee's ${committee.reviewers} reviewer${committee.reviewers === 1 ? '' : 's'}`);
  }
  return {
    threshold: flags.threshold,
    ...(flags.minVoters !== undefined ? { minVoters: flags.minVoters } : {}),
    ...(flags.maxRounds !== undefined ? { maxRounds: flags.maxRounds } : {}),
  };
}
