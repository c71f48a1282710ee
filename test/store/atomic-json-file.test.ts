import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicJsonFile } from '../../src/store/atomic-json-file.ts';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'interplay-json-')), 'manifest.json');

describe('an atomic JSON file (the run manifest\'s lowdb adapter)', () => {
  it('reads null when absent, and coalesces writes made while one is in flight, the latest data winning', async () => {
    const file = fileIn();
    const json = new AtomicJsonFile<{ n: number }>(file);
    expect(await json.read()).toBeNull();
    const data = { n: 0 };
    const writes: Promise<void>[] = [];
    for (let n = 1; n <= 50; n++) {
      data.n = n;
      writes.push(json.write(data));
    }
    await Promise.all(writes);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ n: 50 }, null, 2));
    expect(await json.read()).toEqual({ n: 50 });
    expect(readdirSync(join(file, '..'))).toEqual(['manifest.json']);
  });

  it('rejects only the writes that failed, naming the file, and the next write starts afresh', async () => {
    const file = fileIn();
    const json = new AtomicJsonFile<{ n: number }>(file);
    await json.write({ n: 1 });
    symlinkSync('/dev/full', join(file, '..', '.manifest.json.tmp'));
    await expect(json.write({ n: 2 })).rejects.toMatchObject({ code: 'ENOSPC', path: file });
    expect(await json.read()).toEqual({ n: 1 });
    await json.write({ n: 3 });
    expect(await json.read()).toEqual({ n: 3 });
  });
});
