import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../domain-kit/index.ts';
import { createOpenAIChatModel, parseModelConfig, type ChatModel, type ModelConfig } from '../models/index.ts';
import { UsageError, type CliIo } from './cli-io.ts';
import { DEFAULT_BASE_URL, singleRoles, type SingleRole } from './model-options.ts';

// The flags themselves are declared in model-options.ts, which stays light (no zod, no openai SDK) for
// building the program and its help; this module reads them when a command runs.

/** Each role's model configuration, resolved from its flags, the config file and the environment. */
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

/** A config file names a few models: anything near these limits is not one. */
const CONFIG_FILE_BYTES = 1_000_000;
const CONFIG_FILE_DEPTH = 16;

/** The per-role flags, by the configuration field each one sets. */
const roleFlags = { model: 'model', baseURL: 'base-url', apiKeyEnv: 'api-key-env', reasoning: 'reasoning', textToolCalls: 'text-tool-calls' } as const;

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
