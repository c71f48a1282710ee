import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { readJsonFile } from '../domain-kit/index.ts';
import { createOpenAIChatModel, parseModelConfig, type ChatModel, type ModelConfig } from '../models/index.ts';
import { UsageError, type CliIo } from './cli-io.ts';

/** The model roles a command may use. `reviewers` is a list: mixing models in the committee is the point. */
export const singleRoles = ['agent', 'human', 'judge', 'generator', 'feedback'] as const;
export type SingleRole = (typeof singleRoles)[number];

export interface ModelRoles {
  roles: Partial<Record<SingleRole, ModelConfig>>;
  reviewers: ModelConfig[];
}

const configFileSchema = z.object({
  models: z
    .object({
      ...Object.fromEntries(singleRoles.map((role) => [role, z.unknown().optional()])),
      reviewers: z.array(z.unknown()).optional(),
    })
    .strict()
    .optional(),
});

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** A config file names a few models: anything near these limits is not one. */
const CONFIG_FILE_BYTES = 1_000_000;
const CONFIG_FILE_DEPTH = 16;

/** The per-role flags, by the configuration field each one sets. */
const roleFlags = { model: 'model', baseURL: 'base-url', apiKeyEnv: 'api-key-env', reasoning: 'reasoning', textToolCalls: 'text-tool-calls' } as const;

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

const camel = (text: string) => text.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Resolves each role's configuration from, in order of precedence: its flags, the config file, and the
 * environment defaults (OPENAI_BASE_URL; OPENAI_API_KEY named as the key variable when it is set).
 * A role is configured only when some source names its model.
 */
export function resolveModelRoles(flags: Record<string, unknown>, io: CliIo): ModelRoles {
  const file = typeof flags.config === 'string' ? readConfigFile(resolve(io.cwd, flags.config)) : {};
  const defaults = { baseURL: io.env.OPENAI_BASE_URL || DEFAULT_BASE_URL, ...(io.env.OPENAI_API_KEY ? { apiKeyEnv: 'OPENAI_API_KEY' } : {}) };
  const roles: ModelRoles['roles'] = {};
  for (const role of singleRoles) {
    const fromFile = (file[role] ?? {}) as Record<string, unknown>;
    const fromFlags = Object.fromEntries(
      Object.entries(roleFlags).flatMap(([field, suffix]) => {
        const flag = camel(`${role}-${suffix}`);
        return flags[flag] === undefined ? [] : [[field, flags[flag]]];
      }),
    );
    if (fromFlags.model === undefined && fromFile.model === undefined) continue;
    roles[role] = parseModelConfig({ ...defaults, ...fromFile, ...fromFlags }, `the ${role} model (${Object.keys(fromFlags).length > 0 ? 'flags' : 'config file'})`);
  }
  const reviewers = [
    ...((file.reviewers ?? []) as unknown[]).map((raw, index) => parseModelConfig({ ...defaults, ...(raw as object) }, `config file reviewers[${index}]`)),
    ...((flags.reviewerModel as string[] | undefined) ?? []).map((model) => parseModelConfig({ ...defaults, model }, `--reviewer-model ${model}`)),
  ];
  return { roles, reviewers };
}

function readConfigFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new UsageError(`${path}: no such config file`);
  const raw = readJsonFile(path, { what: 'a config file', maxBytes: CONFIG_FILE_BYTES, maxDepth: CONFIG_FILE_DEPTH });
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  return (parsed.data.models ?? {}) as Record<string, unknown>;
}

/** A chat model for a configured role. The key is read from the environment here and goes nowhere else. */
export function createRoleModel(config: ModelConfig, io: CliIo): ChatModel {
  let apiKey: string | undefined;
  if (config.apiKeyEnv) {
    apiKey = io.env[config.apiKeyEnv];
    if (!apiKey) throw new UsageError(`the environment variable ${config.apiKeyEnv} (the API key for ${config.model}) is not set`);
  }
  return createOpenAIChatModel(config, apiKey ? { apiKey } : {});
}
