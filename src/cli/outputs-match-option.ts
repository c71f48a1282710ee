import type { Command } from 'commander';
import { outputsMatchRules, type OutputsMatchRule } from '../rollout/grading/outputs-match.ts';
import { UsageError } from './cli-io.ts';

/** Adds `--outputs-match <rule>` to a command that grades trajectories. */
export function addOutputsMatchOption(command: Command): Command {
  return command.option(
    '--outputs-match <rule>',
    "how an expected output is found in what the agent told the user: token (default: on token boundaries, a number never inside a longer number) or tau-bench (tau-bench's rule: a substring, lower-cased, commas removed)",
  );
}

/** The flag's rule (undefined when not given), or a UsageError naming the flag and the rules there are. */
export function outputsMatchRule(text: string | undefined): OutputsMatchRule | undefined {
  if (text === undefined) return undefined;
  if (!(outputsMatchRules as readonly string[]).includes(text)) throw new UsageError(`--outputs-match must be one of ${outputsMatchRules.join(', ')}, got "${text}"`);
  return text as OutputsMatchRule;
}
