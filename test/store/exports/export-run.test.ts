import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRun, RunFolder, toOpenAiFineTuningRecord, toShareGptRecord, toTauBenchResult, type ExportFormatName } from '../../../src/store/index.ts';
import { goldenContext, keptTrajectory, parallelCallTrajectory, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { serializedText } from './serialize.ts';

const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') };

async function runWithThreeTrajectories(): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'interplay-export-')), 'run');
  const run = await RunFolder.create(folder, { runId: 'run-1', codeVersion: '0.1.0', domain: 'retail', seed: 1, config: {}, models: {} }, clock);
  for (const trajectory of [keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()]) await run.record(trajectory);
  await run.close();
  return folder;
}

const contextFor = (domain: string) => {
  expect(domain).toBe('retail');
  return goldenContext;
};

describe('exportRun', () => {
  it.each<[ExportFormatName, (trajectory: ReturnType<typeof keptTrajectory>) => unknown, 'json-array' | 'jsonl']>([
    ['sharegpt', (trajectory) => toShareGptRecord(trajectory, goldenContext), 'json-array'],
    ['openai', (trajectory) => toOpenAiFineTuningRecord(trajectory, goldenContext), 'jsonl'],
    ['tau-bench', (trajectory) => toTauBenchResult(trajectory), 'json-array'],
  ])('exports only kept trajectories as %s unless all are asked for', async (format, toRecord, layout) => {
    const folder = await runWithThreeTrajectories();
    const outFile = join(folder, '..', 'exports', `out.${format}`);

    const accepted = await exportRun({ runFolder: folder, format, outFile, contextFor });
    expect(accepted).toMatchObject({ exported: 2, skippedNotKept: 1, tornTail: undefined });
    expect(readFileSync(outFile, 'utf8')).toBe(await serializedText([keptTrajectory(), parallelCallTrajectory()].map(toRecord), layout));

    const all = await exportRun({ runFolder: folder, format, outFile, all: true, contextFor });
    expect(all).toMatchObject({ exported: 3, skippedNotKept: 0 });
    expect(readFileSync(outFile, 'utf8')).toBe(await serializedText([keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()].map(toRecord), layout));
  });

  it('skips and reports a torn last line', async () => {
    const folder = await runWithThreeTrajectories();
    appendFileSync(join(folder, 'trajectories.jsonl'), '{"schemaVersion": 1, "id": "ret');
    const summary = await exportRun({ runFolder: folder, format: 'openai', outFile: join(folder, 'out.jsonl'), contextFor });
    expect(summary).toMatchObject({ exported: 2, skippedNotKept: 1, tornTail: { line: 4, bytes: 31, reason: 'unterminated' } });
  });

  it('leaves the previous export untouched when the log turns out to be bad', async () => {
    const folder = await runWithThreeTrajectories();
    const outFile = join(folder, 'out.json');
    writeFileSync(outFile, 'previous export');
    const log = join(folder, 'trajectories.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[1] = '{"broken": true}';
    writeFileSync(log, lines.join('\n'));

    await expect(exportRun({ runFolder: folder, format: 'sharegpt', outFile, contextFor })).rejects.toThrow(/trajectories\.jsonl: line 2 is not a valid trajectory\n\s+schemaVersion: /);
    expect(readFileSync(outFile, 'utf8')).toBe('previous export');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a trajectory from another domain than the run', async () => {
    const folder = await runWithThreeTrajectories();
    appendFileSync(join(folder, 'trajectories.jsonl'), `${JSON.stringify({ ...keptTrajectory(), id: 'x#0', domain: 'airline' })}\n`);
    const outFile = join(folder, 'out.json');
    await expect(exportRun({ runFolder: folder, format: 'sharegpt', outFile, contextFor })).rejects.toThrow(/trajectory x#0 is for domain airline, but the run is for retail/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('writes an empty array or an empty file when nothing is selected', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'interplay-export-')), 'run');
    await (await RunFolder.create(folder, { runId: 'run-1', codeVersion: '0.1.0', domain: 'retail', seed: 1, config: {}, models: {} }, clock)).close();
    await exportRun({ runFolder: folder, format: 'tau-bench', outFile: join(folder, 'out.json'), contextFor });
    expect(readFileSync(join(folder, 'out.json'), 'utf8')).toBe('[]\n');
    await exportRun({ runFolder: folder, format: 'openai', outFile: join(folder, 'out.jsonl'), contextFor });
    expect(readFileSync(join(folder, 'out.jsonl'), 'utf8')).toBe('');
  });

  it('streams a JSON array that reads exactly as JSON.stringify(records, null, 2)', async () => {
    const records = [{ a: [1, { b: 'x\ny' }] }, { c: {} }, []];
    expect(await serializedText(records, 'json-array')).toBe(`${JSON.stringify(records, null, 2)}\n`);
    expect(await serializedText([], 'json-array')).toBe(`${JSON.stringify([], null, 2)}\n`);
  });
});
