import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../src/domain-kit/index.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import { iterateTrajectoryLog, readFileLines, readTrajectoryLog, TrajectoryLogWriter, WriterBusyError, type TornTail } from '../../src/store/index.ts';
import { keptTrajectory, parallelCallTrajectory, rejectedTrajectory } from './trajectory-fixtures.ts';

function freshLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'interplay-log-')), 'trajectories.jsonl');
}

const line = (trajectory: unknown) => `${JSON.stringify(trajectory)}\n`;

async function appendAll(file: string, trajectories: Trajectory[]): Promise<void> {
  const writer = await TrajectoryLogWriter.open(file);
  try {
    for (const trajectory of trajectories) await writer.append(trajectory);
  } finally {
    await writer.close();
  }
}

async function readError(file: string): Promise<InvalidDataError> {
  const error = await readTrajectoryLog(file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidDataError);
  return error as InvalidDataError;
}

describe('the trajectory log', () => {
  it('round-trips appended trajectories, one complete JSON line each', async () => {
    const file = freshLog();
    const trajectories = [keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()];
    await appendAll(file, trajectories);

    const text = readFileSync(file, 'utf8');
    expect(text).toBe(trajectories.map(line).join(''));
    expect(await readTrajectoryLog(file)).toEqual({ trajectories, tornTail: undefined });
  });

  it('keeps appends in call order when they are not awaited one by one', async () => {
    const file = freshLog();
    const writer = await TrajectoryLogWriter.open(file);
    const trajectories = Array.from({ length: 20 }, (_, attempt) => ({ ...keptTrajectory(), id: `retail-cancel-soundbar-order#${attempt}`, attempt }));
    await Promise.all(trajectories.map((trajectory) => writer.append(trajectory)));
    await writer.close();
    expect((await readTrajectoryLog(file)).trajectories.map((trajectory) => trajectory.id)).toEqual(trajectories.map((trajectory) => trajectory.id));
  });

  it('refuses to log an invalid trajectory and writes nothing', async () => {
    const file = freshLog();
    const writer = await TrajectoryLogWriter.open(file);
    const broken = { ...keptTrajectory(), termination: { reason: 'gave-up' } } as unknown as Trajectory;
    await expect(writer.append(broken)).rejects.toThrow(/refusing to log an invalid trajectory\n\s+termination\.reason: Invalid option/);
    await writer.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('allows one writer per file', async () => {
    const file = freshLog();
    const writer = await TrajectoryLogWriter.open(file);
    await expect(TrajectoryLogWriter.open(file)).rejects.toBeInstanceOf(WriterBusyError);
    await writer.close();
    await expect(writer.append(keptTrajectory())).rejects.toThrow(/the trajectory log is closed/);
    const again = await TrajectoryLogWriter.open(file);
    await again.close();
  });

  it('ignores and reports a torn last line, then cuts it off before the next append', async () => {
    const file = freshLog();
    await appendAll(file, [keptTrajectory(), rejectedTrajectory()]);
    const intact = statSync(file).size;
    const torn = line(parallelCallTrajectory()).slice(0, 150);
    appendFileSync(file, torn);

    const expectedTail: TornTail = { line: 3, offset: intact, bytes: Buffer.byteLength(torn), reason: 'unterminated' };
    expect(await readTrajectoryLog(file)).toEqual({ trajectories: [keptTrajectory(), rejectedTrajectory()], tornTail: expectedTail });

    const writer = await TrajectoryLogWriter.open(file);
    expect(writer.repairedTail).toEqual(expectedTail);
    expect(statSync(file).size).toBe(intact);
    await writer.append(parallelCallTrajectory());
    await writer.close();

    expect(readFileSync(file, 'utf8')).toBe([keptTrajectory(), rejectedTrajectory(), parallelCallTrajectory()].map(line).join(''));
    expect((await readTrajectoryLog(file)).tornTail).toBeUndefined();
  });

  it('treats a last line that ends in a newline but is not JSON as torn too', async () => {
    const file = freshLog();
    await appendAll(file, [keptTrajectory()]);
    const intact = statSync(file).size;
    appendFileSync(file, '{"schemaVersion": 1, "id": \n');

    const { trajectories, tornTail } = await readTrajectoryLog(file);
    expect(trajectories).toEqual([keptTrajectory()]);
    expect(tornTail).toEqual({ line: 2, offset: intact, bytes: 28, reason: 'unparseable' });

    const writer = await TrajectoryLogWriter.open(file);
    expect(writer.repairedTail).toEqual(tornTail);
    await writer.close();
    expect(statSync(file).size).toBe(intact);
  });

  it('cuts off a log that holds nothing but a torn line', async () => {
    const file = freshLog();
    writeFileSync(file, '{"schemaVer');
    expect(await readTrajectoryLog(file)).toEqual({ trajectories: [], tornTail: { line: 1, offset: 0, bytes: 11, reason: 'unterminated' } });
    const writer = await TrajectoryLogWriter.open(file);
    await writer.append(keptTrajectory());
    await writer.close();
    expect(readFileSync(file, 'utf8')).toBe(line(keptTrajectory()));
  });

  it('names the file and line of a bad line that is not the last one', async () => {
    const file = freshLog();
    writeFileSync(file, `${line(keptTrajectory())}{"schemaVersion": 1,\n${line(rejectedTrajectory())}`);
    const error = await readError(file);
    expect(error.message).toBe(`${file}: line 2 is not valid JSON (${error.message.match(/\((.*)\)$/)?.[1]})`);
    expect(error.source).toBe(file);
  });

  it('names the file, line and field of a line that is JSON but not a trajectory, wherever it is', async () => {
    const { verdict: _verdict, ...withoutVerdict } = rejectedTrajectory();
    const middle = freshLog();
    writeFileSync(middle, `${line(keptTrajectory())}${line(withoutVerdict)}${line(parallelCallTrajectory())}`);
    expect((await readError(middle)).message).toBe(`${middle}: line 2 is not a valid trajectory\n  verdict: Invalid input: expected object, received undefined`);

    // A complete last line that is JSON was not torn by a crash: it is bad data, and an error.
    const last = freshLog();
    writeFileSync(last, `${line(keptTrajectory())}${line(withoutVerdict)}`);
    expect((await readError(last)).message).toMatch(/line 2 is not a valid trajectory\n\s+verdict: /);
  });

  it('reports a missing log clearly', async () => {
    const file = freshLog();
    expect((await readError(file)).message).toBe(`${file}: cannot read the trajectory log (ENOENT)`);
  });

  it('streams: trajectories arrive one by one before a bad line further down is reached', async () => {
    const file = freshLog();
    writeFileSync(file, `${line(keptTrajectory())}${line(rejectedTrajectory())}not json\n${line(keptTrajectory())}`);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const trajectory of iterateTrajectoryLog(file)) seen.push(trajectory.id);
      })(),
    ).rejects.toThrow(/line 3 is not valid JSON/);
    expect(seen).toEqual([keptTrajectory().id, rejectedTrajectory().id]);
  });

  it('streams a large log line by line', async () => {
    const file = freshLog();
    const count = 3000;
    const template = keptTrajectory();
    // Written in bulk (not through the writer) to keep the test fast; about 20 MB.
    const lines: string[] = [];
    for (let attempt = 0; attempt < count; attempt += 1) lines.push(line({ ...template, id: `${template.blueprintId}#${attempt}`, attempt }));
    writeFileSync(file, lines.join(''));

    let seen = 0;
    let tornTail: TornTail | undefined;
    for await (const trajectory of iterateTrajectoryLog(file, { onTornTail: (tail) => (tornTail = tail) })) {
      expect(trajectory.attempt).toBe(seen);
      seen += 1;
    }
    expect(seen).toBe(count);
    expect(tornTail).toBeUndefined();
  });
});

describe('readFileLines', () => {
  it('splits lines across chunk boundaries, multi-byte characters included, and flags an unterminated end', async () => {
    const file = freshLog();
    const long = 'é€😀'.repeat(40_000); // far longer than one 64 KiB read
    writeFileSync(file, `first\n${long}\n\nlast`);
    const lines = [];
    for await (const entry of readFileLines(file)) lines.push(entry);
    const longBytes = Buffer.byteLength(long);
    expect(lines).toEqual([
      { number: 1, text: 'first', offset: 0, bytes: 6, terminated: true },
      { number: 2, text: long, offset: 6, bytes: longBytes + 1, terminated: true },
      { number: 3, text: '', offset: 7 + longBytes, bytes: 1, terminated: true },
      { number: 4, text: 'last', offset: 8 + longBytes, bytes: 4, terminated: false },
    ]);
  });
});
