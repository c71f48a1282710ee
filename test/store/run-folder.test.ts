import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../src/domain-kit/index.ts';
import {
  acquireRunLock,
  addToRunCounts,
  readRunInputs,
  RUN_LOCK_FILE,
  RunLockedError,
  emptyRunCounts,
  findSecrets,
  readRunManifest,
  readTrajectoryLog,
  RunFolder,
  UnredactedSecretError,
  WriterBusyError,
  type RunDescription,
} from '../../src/store/index.ts';
import { keptTrajectory, parallelCallTrajectory, rejectedTrajectory } from './trajectory-fixtures.ts';

const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') };

function freshFolder(): string {
  return join(mkdtempSync(join(tmpdir(), 'interplay-run-')), 'retail-run');
}

function description(config: Record<string, unknown> = {}): RunDescription {
  return {
    runId: 'retail-2026-01-02',
    codeVersion: '0.1.0',
    domain: 'retail',
    seed: 7,
    config: { attempts: 3, agent: { baseURL: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b-instruct', apiKeyEnv: 'OPENAI_API_KEY', maxTokens: 1024 }, ...config },
    models: { human: 'gpt-4o-mini', agent: 'qwen2.5-7b-instruct' },
  };
}

async function openError(folder: string): Promise<InvalidDataError> {
  const error = await readRunManifest(folder).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidDataError);
  return error as InvalidDataError;
}

describe('a run folder', () => {
  it('is created with a versioned manifest and an empty log', async () => {
    const folder = freshFolder();
    const run = await RunFolder.create(folder, description(), clock);
    await run.close();

    const expected = {
      schemaVersion: 1,
      runId: 'retail-2026-01-02',
      createdAt: '2026-01-02T03:04:05.000Z',
      codeVersion: '0.1.0',
      domain: 'retail',
      seed: 7,
      config: description().config,
      models: { human: 'gpt-4o-mini', agent: 'qwen2.5-7b-instruct' },
      counts: { trajectories: 0, kept: 0, rejected: {}, terminations: {} },
    };
    expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(JSON.stringify(expected, null, 2));
    expect(readFileSync(join(folder, 'trajectories.jsonl'), 'utf8')).toBe('');
    expect(await readRunManifest(folder)).toEqual(expected);
  });

  it('records trajectories in the log and counts them in the manifest', async () => {
    const folder = freshFolder();
    const run = await RunFolder.create(folder, description(), clock);
    for (const trajectory of [keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()]) await run.record(trajectory);
    const counts = { trajectories: 3, kept: 2, rejected: { 'not-user-stop': 1 }, terminations: { 'user-stop': 2, 'max-turns': 1 } };
    expect(run.manifest.counts).toEqual(counts);
    await run.close();

    expect((await readRunManifest(folder)).counts).toEqual(counts);
    expect((await readTrajectoryLog(join(folder, 'trajectories.jsonl'))).trajectories.map((trajectory) => trajectory.id)).toEqual([
      keptTrajectory().id,
      rejectedTrajectory().id,
      parallelCallTrajectory().id,
    ]);
  });

  it('reopens for resuming: the torn tail of the log is cut off and the counts can be rebuilt', async () => {
    const folder = freshFolder();
    const first = await RunFolder.create(folder, description(), clock);
    await first.record(keptTrajectory());
    await first.close();
    appendFileSync(join(folder, 'trajectories.jsonl'), '{"schemaVersion": 1, "id": "retail-cancel');

    const resumed = await RunFolder.open(folder, clock);
    expect(resumed.repairedTail).toMatchObject({ line: 2, reason: 'unterminated' });
    expect(resumed.manifest.counts.trajectories).toBe(1);
    await resumed.record(rejectedTrajectory());
    const { trajectories } = await readTrajectoryLog(join(folder, 'trajectories.jsonl'));
    await resumed.updateCounts(() => addToRunCounts(emptyRunCounts(), trajectories));
    await resumed.close();

    expect((await readRunManifest(folder)).counts).toEqual({ trajectories: 2, kept: 1, rejected: { 'not-user-stop': 1 }, terminations: { 'user-stop': 1, 'max-turns': 1 } });
  });

  it('has one writer: a second open of the same folder is refused until the first is closed', async () => {
    const folder = freshFolder();
    const run = await RunFolder.create(folder, description(), clock);
    await expect(RunFolder.open(folder, clock)).rejects.toBeInstanceOf(WriterBusyError);
    await run.close();
    const again = await RunFolder.open(folder, clock);
    await again.close();
  });

  it('refuses to create a run where one exists', async () => {
    const folder = freshFolder();
    await (await RunFolder.create(folder, description(), clock)).close();
    await expect(RunFolder.create(folder, description(), clock)).rejects.toThrow(/already holds a run \(manifest\.json exists\)/);
  });

  it('refuses counts that are not counts', async () => {
    const run = await RunFolder.create(freshFolder(), description(), clock);
    await expect(run.updateCounts((counts) => ({ ...counts, kept: -1 }))).rejects.toThrow(/refusing to store invalid run counts\n\s+kept: Too small/);
    await run.close();
  });

  it('names the file and the field when the manifest is missing or invalid', async () => {
    const folder = freshFolder();
    expect((await openError(folder)).message).toBe(`${join(folder, 'manifest.json')}: no run here: manifest.json not found`);

    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'manifest.json'), '{"schemaVersion": 1,');
    expect((await openError(folder)).message).toMatch(/manifest\.json: cannot read the run manifest \(.*JSON/);

    const valid = { ...JSON.parse(JSON.stringify(description())), schemaVersion: 1, createdAt: '2026-01-02T03:04:05.000Z', counts: emptyRunCounts() };
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...valid, seed: 'seven', counts: { ...valid.counts, kept: 1.5 } }));
    const error = await openError(folder);
    expect(error.message).toContain(`${join(folder, 'manifest.json')}: not a valid run manifest`);
    expect(error.issues).toEqual(['seed: Invalid input: expected number, received string', 'counts.kept: Invalid input: expected int, received number']);

    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...valid, schemaVersion: 2 }));
    expect((await openError(folder)).issues).toEqual(['schemaVersion: Invalid input: expected 1']);
  });
});

describe('the run config', () => {
  it.each([
    [{ agent: { apiKey: 'sk-live' } }, ['agent.apiKey']],
    [{ api_key: 'x' }, ['api_key']],
    [{ headers: { Authorization: 'x' } }, ['headers.Authorization']],
    [{ judges: [{ token: 'x' }, { secret: 'y' }] }, ['judges.0.token', 'judges.1.secret']],
    [{ openaiApiKey: 'x', 'x-api-key': 'y' }, ['openaiApiKey', 'x-api-key']],
    [{ note: 'sk-proj-abcdefghijklmnop1234' }, ['note']],
    [{ endpoint: 'https://example.com/v1?api_key=abc' }, ['endpoint']],
    [{ endpoint: 'https://user:hunter2@example.com/v1' }, ['endpoint']],
  ])('refuses credential-like keys and values anywhere (%j)', async (config, paths) => {
    expect(findSecrets(config)).toEqual(paths);
    const folder = freshFolder();
    const error = await RunFolder.create(folder, description(config), clock).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnredactedSecretError);
    expect((error as Error).message).toContain(paths.join(', '));
    expect(existsSync(folder)).toBe(false);
  });

  it('accepts a redacted config: key names of environment variables, token limits, redacted URLs', () => {
    expect(findSecrets({ apiKeyEnv: 'OPENAI_API_KEY', maxTokens: 512, stopTokens: ['###STOP###'], endpoint: 'https://example.com/v1?api_key=***' })).toEqual([]);
  });

  it('holds the folder\'s writer lock from before the first write until close, also when opening fails', async () => {
    const folder = freshFolder();
    const points: string[] = [];
    const run = await RunFolder.create(folder, description(), clock, {
      inputs: { dataFolder: null, baseHash: 'sha256:base', blueprints: [] },
      writer: { pid: process.pid, host: hostname(), command: 'generate' },
      checkpoint: (point, count) => points.push(`${point}:${count}:${readdirSync(folder).sort().join(',')}`),
    });
    // The lock came first, then the inputs, then the manifest.
    expect(points).toEqual(['before-inputs:1:writer.lock', 'before-manifest:1:inputs.json,writer.lock', 'after-manifest:1:inputs.json,manifest.json,writer.lock']);
    expect(JSON.parse(readFileSync(join(folder, RUN_LOCK_FILE), 'utf8'))).toEqual({ schemaVersion: 1, pid: process.pid, host: hostname(), startedAt: '2026-01-02T03:04:05.000Z', command: 'generate' });
    await run.close();
    expect(existsSync(join(folder, RUN_LOCK_FILE))).toBe(false);

    // Another live writer holds it: open is refused, nothing is touched, and this process claims nothing.
    const other = await acquireRunLock(folder, { writer: { pid: process.ppid, host: hostname(), command: 'generate --resume' }, clock });
    await expect(RunFolder.open(folder, clock)).rejects.toBeInstanceOf(RunLockedError);
    await other.release();
    await (await RunFolder.open(folder, clock)).close();

    // A failed open (no run here) gives the lock back.
    const empty = freshFolder();
    await expect(RunFolder.open(empty, clock)).rejects.toThrow(/no run here/);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('stores the run\'s identity with its inputs, so a writer killed before the manifest is resumed from them', async () => {
    const folder = freshFolder();
    let manifestOnDisk: boolean | undefined;
    const run = await RunFolder.create(folder, description(), clock, {
      inputs: { dataFolder: null, baseHash: 'sha256:base', blueprints: [] },
      checkpoint: (point) => void (point === 'before-manifest' && (manifestOnDisk = existsSync(join(folder, 'manifest.json')))),
    });
    await run.close();
    expect(manifestOnDisk).toBe(false);
    const manifest = await readRunManifest(folder);
    expect((await readRunInputs(folder)).manifest).toEqual(manifest);

    // What a kill between the two files leaves: the inputs, no manifest. Opening recreates it from them.
    rmSync(join(folder, 'manifest.json'));
    rmSync(join(folder, 'trajectories.jsonl'));
    const resumed = await RunFolder.open(folder, clock);
    expect(resumed.manifest).toEqual(manifest);
    await resumed.close();
    expect(await readRunManifest(folder)).toEqual(manifest);
  });

  it('turns a failed manifest write into the folder\'s write failure: named, never an unhandled rejection', async () => {
    const folder = freshFolder();
    const run = await RunFolder.create(folder, description(), clock);
    // The manifest's temporary file is /dev/full: the next manifest write meets a full disk.
    symlinkSync('/dev/full', join(folder, '.manifest.json.tmp'));
    run.queueBatchReport({ phase: 'rollouts' });
    run.queueBatchReport({ phase: 'rollouts', later: true });
    const failure = await run.flushBatchReports().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ENOSPC', path: join(folder, 'manifest.json') });
    expect(run.writeFailed.aborted).toBe(true);
    expect(run.writeFailed.reason).toBe(failure);
    // The queue stops at the first failure; the file on disk is the last whole manifest.
    expect((await readRunManifest(folder)).batch).toBeUndefined();
    await expect(run.record(keptTrajectory())).resolves.toBeUndefined();
    await run.close();
    expect(existsSync(join(folder, RUN_LOCK_FILE))).toBe(false);
  });
});
