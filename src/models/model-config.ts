import { z } from 'zod';
import { InvalidModelConfigError } from './model-errors.ts';

export const reasoningModeSchema = z.enum(['separate', 'keep']);
export type ReasoningMode = z.infer<typeof reasoningModeSchema>;
export const textToolCallModeSchema = z.enum(['auto', 'off']);
export type TextToolCallMode = z.infer<typeof textToolCallModeSchema>;

function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

/**
 * How to reach one model role. It never holds the key itself: `apiKeyEnv` names the environment
 * variable the CLI reads it from, so a configuration can be stored and shown as it is.
 */
export const modelConfigSchema = z.strictObject({
  /** The OpenAI-compatible endpoint, for example https://api.openai.com/v1 or http://127.0.0.1:8000/v1. */
  baseURL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    // Checked here so a password never reaches an error text, a trace or a stored run. The message never echoes the URL.
    .refine((url) => !hasUserInfo(url), 'must not hold a user name or password (user:pass@): give the key through apiKeyEnv'),
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
  /**
   * What to do with the model's thinking (`<think>` blocks in `content`, `reasoning_content`, `reasoning`):
   * `separate` (the default when absent) moves it out of `content` into the message's `reasoning`; `keep`
   * leaves `content` exactly as the server sent it (a reasoning field still goes to `reasoning`).
   */
  reasoning: reasoningModeSchema.optional(),
  /**
   * `auto` (the default when absent): a reply whose content is nothing but Hermes/Qwen `<tool_call>` blocks
   * becomes real tool calls, marked `toolCallsFromText`; `off` leaves such text as it is.
   */
  textToolCalls: textToolCallModeSchema.optional(),
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
  if (config.reasoning !== undefined) stored.reasoning = config.reasoning;
  if (config.textToolCalls !== undefined) stored.textToolCalls = config.textToolCalls;
  return stored;
}

/** `text` with every occurrence of `secret` replaced (nothing to do when there is no secret). */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

/**
 * Every text that must never appear in an error, a trace or a log for this endpoint: the key, and the
 * credential-looking parts of the base URL (user name, password, key-like query values), longest first
 * so a secret that contains another is replaced whole. URL values shorter than 4 characters are left
 * out: redacting them would shred ordinary words.
 */
export function secretsOf(baseURL: string, apiKey: string | undefined): string[] {
  const secrets = new Set<string>();
  try {
    const parsed = new URL(baseURL);
    for (const part of [parsed.username, parsed.password]) if (part) secrets.add(part).add(decodeURIComponent(part));
    for (const [name, value] of parsed.searchParams) if (secretQueryParameter.test(name) && value) secrets.add(value).add(encodeURIComponent(value));
  } catch {
    // Not a URL: nothing in it to find.
  }
  const found = [...secrets].filter((secret) => secret.length >= 4);
  if (apiKey) found.push(apiKey);
  return found.sort((a, b) => b.length - a.length);
}

/** `text` with every one of `secrets` replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redactSecret(redacted, secret);
  return redacted;
}
