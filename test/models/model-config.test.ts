import { describe, expect, it } from 'vitest';
import { InvalidModelConfigError, modelConfigSchema, parseModelConfig, redactConfig, redactSecret, redactURL, type ModelConfig } from '../../src/models/index.ts';

describe('modelConfigSchema', () => {
  it('fills in the timeout and retry defaults and leaves sampling settings unset', () => {
    expect(modelConfigSchema.parse({ baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen2.5-7B-Instruct' })).toEqual({
      baseURL: 'http://127.0.0.1:8000/v1',
      model: 'Qwen/Qwen2.5-7B-Instruct',
      timeoutMs: 60_000,
      maxRetries: 2,
    });
  });

  it('names every problem, rejects unknown fields and a key given where the variable name belongs', () => {
    let error: unknown;
    try {
      parseModelConfig({ baseURL: 'ftp://example.test', model: 'm', apiKeyEnv: 'sk-abc123', temprature: 0.2, maxRetries: -1 }, 'roles.agent');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidModelConfigError);
    const { issues, source } = error as InvalidModelConfigError;
    expect(source).toBe('roles.agent');
    expect(issues.join('\n')).toMatch(/baseURL: must be an http\(s\) URL/);
    expect(issues.join('\n')).toMatch(/apiKeyEnv: must be the name of an environment variable, not the key itself/);
    expect(issues.join('\n')).toMatch(/maxRetries:/);
    expect(issues.join('\n')).toMatch(/temprature/);
    expect((error as Error).message).not.toContain('sk-abc123');
  });
});

describe('redactConfig', () => {
  const config: ModelConfig = { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o', apiKeyEnv: 'OPENAI_API_KEY', temperature: 0, seed: 1, maxTokens: 100, timeoutMs: 30_000, maxRetries: 3 };

  it('keeps every declared field of a configuration that holds no secret', () => {
    expect(redactConfig(config)).toEqual(config);
  });

  it('drops undeclared fields and credentials in the URL', () => {
    const leaky = { ...config, apiKey: 'sk-live-123', baseURL: 'https://me:pw@proxy.test/v1?api-key=sk-live-123&api-version=2024' } as ModelConfig;
    const stored = redactConfig(leaky);
    expect(stored).not.toHaveProperty('apiKey');
    expect(stored.baseURL).toBe('https://***:***@proxy.test/v1?api-key=***&api-version=2024');
    expect(JSON.stringify(stored)).not.toMatch(/sk-live-123|pw@/);
  });
});

describe('redactURL and redactSecret', () => {
  it('leaves a URL without credentials exactly as written', () => {
    expect(redactURL('https://api.openai.com')).toBe('https://api.openai.com');
    expect(redactURL('not a url')).toBe('not a url');
  });

  it('replaces every occurrence of the secret, and nothing when there is none', () => {
    expect(redactSecret('key k3y and k3y', 'k3y')).toBe('key [redacted] and [redacted]');
    expect(redactSecret('unchanged', undefined)).toBe('unchanged');
    expect(redactSecret('unchanged', '')).toBe('unchanged');
  });
});
