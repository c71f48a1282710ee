import type { Command } from 'commander';

/** The model roles a command may use. `reviewers` is a list: mixing models in the committee is the point. */
export const singleRoles = ['agent', 'human', 'judge', 'generator', 'feedback'] as const;
export type SingleRole = (typeof singleRoles)[number];

/** The endpoint a role uses when neither its flags, the config file nor $OPENAI_BASE_URL name one. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Adds `--config` and, for the given roles, `--<role>-model / --<role>-base-url / --<role>-api-key-env`
 * plus how the role's replies are read: `--<role>-reasoning separate|keep`, `--<role>-text-tool-calls auto|off`.
 */
export function addModelOptions(command: Command, roles: readonly (SingleRole | 'reviewers')[]): Command {
  command.option('--config <file>', 'a JSON file with {"models": {"agent": {...}, "human": {...}, "reviewers": [...], ...}}');
  for (const role of roles) {
    if (role === 'reviewers') {
      command.option('--reviewer-model <model...>', 'committee reviewer models (one reviewer each; default endpoint and key)');
      continue;
    }
    command
      .option(`--${role}-model <model>`, `the ${role} model`)
      .option(`--${role}-base-url <url>`, `the ${role} endpoint (default: $OPENAI_BASE_URL or ${DEFAULT_BASE_URL})`)
      .option(`--${role}-api-key-env <name>`, `environment variable holding the ${role} API key (default: OPENAI_API_KEY when set)`)
      .option(`--${role}-reasoning <mode>`, `separate (default): move the ${role}'s <think> blocks and reasoning fields out of its replies; keep: leave content as sent`)
      .option(`--${role}-text-tool-calls <mode>`, `auto (default): a reply of the ${role} that is only <tool_call> blocks becomes tool calls; off: leave it as text`);
  }
  return command;
}
