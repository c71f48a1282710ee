// A child process that takes and gives back run folder locks on command, one JSON line per answer:
// `take <folder>` → {"ok":true,"takeover":...} or {"ok":false,"name","message"}; `release <folder>`; `exit`.
// The run-lock tests start two of these and send both `take` at once, to race for one stale lock.
import { createInterface } from 'node:readline';
import { acquireRunLock, thisProcessWriter, type RunLock } from '../../../src/store/index.ts';

const held = new Map<string, RunLock>();
const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

answer({ ready: process.pid });
for await (const line of createInterface({ input: process.stdin })) {
  const [command, folder = ''] = line.split(' ');
  if (command === 'exit') break;
  if (command === 'take') {
    try {
      const lock = await acquireRunLock(folder, { writer: thisProcessWriter('racer'), clock: { now: () => new Date('2026-01-02T03:04:05.000Z') } });
      held.set(folder, lock);
      answer({ ok: true, folder, takeover: lock.takeover ?? null });
    } catch (error) {
      answer({ ok: false, folder, name: (error as Error).name, message: (error as Error).message });
    }
  }
  if (command === 'release') {
    await held.get(folder)?.release();
    held.delete(folder);
    answer({ released: folder });
  }
}
