import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidDataError, readDataFolder, writeDataFolder } from '../../src/domain-kit/index.ts';
import { toyData } from './toy-domain.ts';

describe('data folders', () => {
  it('writes one <collection>.json per collection and reads them back', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'interplay-')), 'data');
    writeDataFolder(folder, toyData());
    expect(readdirSync(folder).sort()).toEqual(['accounts.json', 'notes.json']);
    expect(readFileSync(join(folder, 'notes.json'), 'utf8')).toBe('{}\n');
    expect(readDataFolder(folder, ['accounts', 'notes'])).toEqual(toyData());
  });

  it('names the missing folder, the missing file and the file that is not JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-'));
    expect(() => readDataFolder(join(folder, 'nope'), ['accounts'])).toThrow(/nope: no such data folder/);
    expect(() => readDataFolder(folder, ['accounts'])).toThrow(/missing accounts.json/);
    writeFileSync(join(folder, 'accounts.json'), '{"a": ');
    expect(() => readDataFolder(folder, ['accounts'])).toThrow(InvalidDataError);
    expect(() => readDataFolder(folder, ['accounts'])).toThrow(/accounts.json: not valid JSON/);
    expect(existsSync(join(folder, 'accounts.json.partial'))).toBe(false);
  });
});
