import { z } from 'zod';
import { InvalidModelConfigError } from './model-errors.ts';

/**
 * How to reach one model role. It never holds the key itself: `apiKeyEnv` names the environment
 * variable the CLI reads it from, so a configuration can be stored and shown as it is.
 */
export const modelConfigSchema = z.strictObject({
  /** The OpenAI-compatible endpoint, for example https://api.openai.com/v1 or http://127.0.0.1:8000/v1. */
  baseURL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  model: z.string().min(1),
  /** The NAME of the environment variable holding the key (e.g. OPENAI_API_KEY); absent for local servers. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, not the key itself')
    .optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().optional(),
  maxTokens: z.number().int().positive().optional(),
  /** Sent as `parallel_tool_calls` only when set: several servers reject the flag. */
  parallelToolCalls: z.boolean().optional(),
  /** Per HTTP attempt. */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Retries after a timeout, a connection failure, a 429 or a 5xx (so at most maxRetries + 1 requests). */
  maxRetries: z.number().int().min(0).max(10).default(2),
});

/** A configuration with its defaults applied. */
export type ModelConfig = z.output<typeof modelConfigSchema>;
/** A configuration as written by a user: defaults may be left out. */
export type ModelConfigInput = z.input<typeof modelConfigSchema>;

/** Parses a configuration, naming every problem and where it came from. */
export function parseModelConfig(raw: unknown, source: string): ModelConfig {
  const parsed = modelConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidModelConfigError(
    source,
    parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`),
  );
}

const secretQueryParameter = /key|token|secret|signature|sig|auth|password/i;

/** A URL with any user name, password, or key-like query value replaced by `***` (unchanged when it has none). */
export function redactURL(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = parsed.username === '' ? '' : '***';
    parsed.password = parsed.password === '' ? '' : '***';
    changed = true;
  }
  for (const name of new Set(parsed.searchParams.keys())) {
    if (secretQueryParameter.test(name)) {
      parsed.searchParams.set(name, '***');
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}

/**
 * What may be stored with a run: only the declared fields (anything else an object carried is
 * dropped), with credentials removed from the base URL.
 */
export function redactConfig(config: ModelConfig): ModelConfig {
  const stored: ModelConfig = { baseURL: redactURL(config.baseURL), model: config.model, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries };
  if (config.apiKeyEnv !== undefined) stored.apiKeyEnv = config.apiKeyEnv;
  if (config.temperature !== undefined) stored.temperature = config.temperature;
  if (config.seed !== undefined) stored.seed = config.seed;
  if (config.maxTokens !== undefined) stored.maxTokens = config.maxTokens;
  if (config.parallelToolCalls !== undefined) stored.parallelToolCalls = config.parallelToolCalls;
  return stored;
}

/** `text` with every occurrence of `secret` replaced (nothing to do when there is no secret). */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}
