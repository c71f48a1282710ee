import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../../../src/rollout/trajectory.ts';
import { exportRun, RunFolder, toOpenAiFineTuningRecord, toShareGptRecord, toTauBenchResult, type ExportFormatName, type ExportItem } from '../../../src/store/index.ts';
import { goldenContext, keptTrajectory, parallelCallTrajectory, rejectedTrajectory } from '../trajectory-fixtures.ts';
import { itemOf, loadShippedRetail, runFolderWith, soundbarBlueprint } from './export-fixtures.ts';
import { serializedText } from './serialize.ts';

const contextFor = (domain: string) => {
  expect(domain).toBe('retail');
  return goldenContext;
};
const options = (runFolder: string, format: ExportFormatName, outFile: string) => ({ runFolder, format, outFile, contextFor, loadData: loadShippedRetail });
const threeTrajectories = () => runFolderWith([keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()]);

/** The kept trajectory as the rollout would have logged it had its verdict been tampered with: kept flipped. */
function withKeptFlipped(trajectory: Trajectory): Trajectory {
  return { ...trajectory, verdict: { ...trajectory.verdict, kept: !trajectory.verdict.kept, reason: trajectory.verdict.kept ? 'state-mismatch' : 'accepted' } };
}

describe('exportRun', () => {
  it.each<[ExportFormatName, (item: ExportItem) => unknown, 'json-array' | 'jsonl']>([
    ['openai', (item) => toOpenAiFineTuningRecord(item, goldenContext), 'jsonl'],
    ['tau-bench', (item) => toTauBenchResult(item), 'json-array'],
  ])('exports only trajectories whose verdict, graded again, keeps them as %s, unless all are asked for', async (format, toRecord, layout) => {
    const folder = await threeTrajectories();
    const outFile = join(folder, '..', 'exports', `out.${format}`);
    const read = () => (layout === 'jsonl' ? readFileSync(outFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown) : (JSON.parse(readFileSync(outFile, 'utf8')) as unknown[]));
    // The export carries the verdict it graded again, which names the outputs rule it used.
    const regraded = (trajectory: Trajectory): Trajectory => ({ ...trajectory, verdict: { ...trajectory.verdict, outputs: { ...trajectory.verdict.outputs, rule: 'token' } } });
    const expected = (trajectory: Trajectory) => JSON.parse(JSON.stringify(toRecord(itemOf(regraded(trajectory))))) as unknown;

    const accepted = await exportRun(options(folder, format, outFile));
    expect(accepted).toMatchObject({ exported: 2, skippedNotKept: 1, skippedDuplicates: 0, verdictsNotHeld: [], tornTail: undefined });
    expect(read()).toEqual([expected(keptTrajectory()), expected(parallelCallTrajectory())]);

    const all = await exportRun({ ...options(folder, format, outFile), all: true });
    expect(all).toMatchObject({ exported: 3, skippedNotKept: 0 });
    expect(read()).toHaveLength(3);
    if (format === 'tau-bench') expect(read()[1]).toMatchObject({ reward: 0, info: { verdict: { kept: false, reason: 'not-user-stop' } } });
  });

  it('never trusts the stored kept flag: a trajectory flipped to kept is not exported, and the contradicted verdicts are reported', async () => {
    const folder = await runFolderWith([keptTrajectory(), withKeptFlipped(rejectedTrajectory()), withKeptFlipped(parallelCallTrajectory())]);
    const outFile = join(folder, 'out.jsonl');
    const summary = await exportRun(options(folder, 'openai', outFile));
    // The rejected one flipped to kept is left out; the kept one flipped to rejected is graded kept again, and exported.
    expect(summary).toMatchObject({ exported: 2, skippedNotKept: 1 });
    expect(summary.verdictsNotHeld).toEqual([
      { trajectoryId: 'retail-cancel-soundbar-order#1', stored: { kept: true, reason: 'accepted' }, now: { kept: false, reason: 'not-user-stop' } },
      { trajectoryId: 'retail-cancel-soundbar-order#2', stored: { kept: false, reason: 'state-mismatch' }, now: { kept: true, reason: 'accepted' } },
    ]);
    const exported = readFileSync(outFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(exported).toEqual([keptTrajectory(), parallelCallTrajectory()].map((trajectory) => JSON.parse(JSON.stringify(toOpenAiFineTuningRecord(itemOf(trajectory), goldenContext))) as unknown));
  });

  it('a tampered tool result or a changed blueprint is graded against the run inputs, not the stored verdict', async () => {
    const tampered = keptTrajectory();
    tampered.id = 'retail-cancel-soundbar-order#3';
    const cancel = tampered.messages[10];
    if (cancel?.role !== 'assistant' || !cancel.tool_calls?.[0]) throw new Error('fixture changed');
    // The call's arguments were rewritten after the fact: its stored result no longer replays, whatever the log says.
    cancel.tool_calls[0].function.arguments = '{"order_id": "#W4049349", "reason": "ordered by mistake"}';
    const folder = await runFolderWith([tampered]);
    const summary = await exportRun(options(folder, 'sharegpt', join(folder, 'out.json')));
    expect(summary).toMatchObject({ exported: 0, skippedNotKept: 1, verdictsNotHeld: [{ now: { kept: false, reason: 'invalid-transcript' } }] });
    expect(JSON.parse(readFileSync(join(folder, 'out.json'), 'utf8'))).toEqual([]);
  });

  it('training formats write each conversation once unless all successes are asked for', async () => {
    // The parallel-call trajectory makes the same ShareGPT conversation as the kept one (one function_call per call).
    const folder = await threeTrajectories();
    const outFile = join(folder, 'out.json');
    expect(await exportRun(options(folder, 'sharegpt', outFile))).toMatchObject({ exported: 1, skippedDuplicates: 1, skippedNotKept: 1 });
    expect(readFileSync(outFile, 'utf8')).toBe(await serializedText([toShareGptRecord(itemOf(keptTrajectory()), goldenContext)], 'json-array'));
    expect(await exportRun({ ...options(folder, 'sharegpt', outFile), allSuccesses: true })).toMatchObject({ exported: 2, skippedDuplicates: 0 });
    const twice = await runFolderWith([keptTrajectory(), { ...keptTrajectory(), id: 'retail-cancel-soundbar-order#4', attempt: 4 }]);
    expect(await exportRun(options(twice, 'openai', join(twice, 'out.jsonl')))).toMatchObject({ exported: 1, skippedDuplicates: 1 });
    // An evaluation format keeps every trial.
    expect(await exportRun(options(twice, 'tau-bench', join(twice, 'out.json')))).toMatchObject({ exported: 2, skippedDuplicates: 0 });
  });

  it('leaves out failed jobs: an old trajectory whose ending was about the world is no verdict', async () => {
    const failed = { ...rejectedTrajectory(), id: 'retail-cancel-soundbar-order#5', termination: { reason: 'infrastructure-error' as const, detail: 'connection refused' } };
    const folder = await runFolderWith([keptTrajectory(), failed]);
    expect(await exportRun({ ...options(folder, 'tau-bench', join(folder, 'out.json')), all: true })).toMatchObject({ exported: 1, skippedFailedJobs: 1, skippedNotKept: 0 });
  });

  it('refuses to export what it cannot grade again: no inputs, changed data, an unknown blueprint, tau-bench texts on other blueprints', async () => {
    const noInputs = join(mkdtempSync(join(tmpdir(), 'interplay-export-')), 'run');
    await (await RunFolder.create(noInputs, { runId: 'run-1', codeVersion: '0.1.0', domain: 'retail', seed: 1, config: {}, models: {} }, { now: () => new Date(0) })).close();
    await expect(exportRun(options(noInputs, 'openai', join(noInputs, 'out.jsonl')))).rejects.toThrow(/cannot grade the run again, so nothing is exported: .*inputs\.json/);

    const folder = await threeTrajectories();
    const inputs = JSON.parse(readFileSync(join(folder, 'inputs.json'), 'utf8'));
    writeFileSync(join(folder, 'inputs.json'), JSON.stringify({ ...inputs, baseHash: 'f'.repeat(64) }));
    await expect(exportRun(options(folder, 'openai', join(folder, 'out.jsonl')))).rejects.toThrow(/the data's state hash [0-9a-f]{64} is not the one the run used \(f{64}\)/);

    const other = await runFolderWith([keptTrajectory()], { blueprints: [{ ...soundbarBlueprint(), id: 'something-else' }] });
    await expect(exportRun(options(other, 'openai', join(other, 'out.jsonl')))).rejects.toThrow(/trajectory retail-cancel-soundbar-order#0 names blueprint retail-cancel-soundbar-order, which is not among the run's inputs/);

    const authored = await threeTrajectories();
    await expect(exportRun({ ...options(authored, 'sharegpt', join(authored, 'out.json')), tauBenchTexts: true })).rejects.toThrow(/--policy-text and --tool-text carry tau-bench's own texts, but trajectory retail-cancel-soundbar-order#0 is of blueprint retail-cancel-soundbar-order, which was not imported from tau-bench/);
    for (const run of [noInputs, folder, other, authored]) expect(readdirSync(run).filter((name) => name.startsWith('out') || name.endsWith('.tmp'))).toEqual([]);
  });

  it('skips and reports a torn last line', async () => {
    const folder = await threeTrajectories();
    appendFileSync(join(folder, 'trajectories.jsonl'), '{"schemaVersion": 1, "id": "ret');
    const summary = await exportRun(options(folder, 'openai', join(folder, 'out.jsonl')));
    expect(summary).toMatchObject({ exported: 2, skippedNotKept: 1, tornTail: { line: 4, bytes: 31, reason: 'unterminated' } });
  });

  it('leaves the previous export untouched when the log turns out to be bad', async () => {
    const folder = await threeTrajectories();
    const outFile = join(folder, 'out.json');
    writeFileSync(outFile, 'previous export');
    const log = join(folder, 'trajectories.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[1] = '{"broken": true}';
    writeFileSync(log, lines.join('\n'));

    await expect(exportRun(options(folder, 'sharegpt', outFile))).rejects.toThrow(/trajectories\.jsonl: line 2 is not a valid trajectory\n\s+schemaVersion: /);
    expect(readFileSync(outFile, 'utf8')).toBe('previous export');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a trajectory from another domain than the run', async () => {
    const folder = await threeTrajectories();
    appendFileSync(join(folder, 'trajectories.jsonl'), `${JSON.stringify({ ...keptTrajectory(), id: 'x#0', domain: 'airline' })}\n`);
    const outFile = join(folder, 'out.json');
    await expect(exportRun(options(folder, 'sharegpt', outFile))).rejects.toThrow(/trajectory x#0 is for domain airline, but the run is for retail/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('writes an empty array or an empty file when nothing is selected', async () => {
    const folder = await runFolderWith([]);
    await exportRun(options(folder, 'tau-bench', join(folder, 'out.json')));
    expect(readFileSync(join(folder, 'out.json'), 'utf8')).toBe('[]\n');
    await exportRun(options(folder, 'openai', join(folder, 'out.jsonl')));
    expect(readFileSync(join(folder, 'out.jsonl'), 'utf8')).toBe('');
    rmSync(folder, { recursive: true });
  });

  it('streams a JSON array that reads exactly as JSON.stringify(records, null, 2)', async () => {
    const records = [{ a: [1, { b: 'x\ny' }] }, { c: {} }, []];
    expect(await serializedText(records, 'json-array')).toBe(`${JSON.stringify(records, null, 2)}\n`);
    expect(await serializedText([], 'json-array')).toBe(`${JSON.stringify([], null, 2)}\n`);
  });
});
