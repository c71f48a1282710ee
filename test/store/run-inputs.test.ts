import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunInputs, storeRunRateLimits, writeRunInputs } from '../../src/store/run-inputs.ts';

describe('run inputs: stored rate limits', () => {
  it('reads a file written before limits were stored, writes limits only when there are some, and replaces them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-run-inputs-'));
    writeFileSync(join(folder, 'inputs.json'), JSON.stringify({ schemaVersion: 1, dataFolder: null, baseHash: 'h', blueprints: [] }));
    expect((await readRunInputs(folder)).rateLimits).toBeUndefined();

    await writeRunInputs(folder, { dataFolder: null, baseHash: 'h', blueprints: [], rateLimits: {} });
    expect(JSON.parse(readFileSync(join(folder, 'inputs.json'), 'utf8'))).not.toHaveProperty('rateLimits');

    await storeRunRateLimits(folder, { requestsPerMinute: 60, tokensPerMinute: 90_000 });
    expect(await readRunInputs(folder)).toEqual({ schemaVersion: 1, dataFolder: null, baseHash: 'h', blueprints: [], rateLimits: { requestsPerMinute: 60, tokensPerMinute: 90_000 } });
  });

  it('refuses a stored limit that is not a positive number, naming the file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-run-inputs-'));
    writeFileSync(join(folder, 'inputs.json'), JSON.stringify({ schemaVersion: 1, dataFolder: null, baseHash: 'h', blueprints: [], rateLimits: { requestsPerMinute: -5 } }));
    await expect(readRunInputs(folder)).rejects.toThrow(/inputs\.json/);
  });
});
