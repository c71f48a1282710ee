import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { getDomain } from '../../../../domains/index.ts';
import { parseQueueUrl, type QueueLocation } from '../../../../src/batch/queue/queue-connection.ts';
import { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from '../../../../src/batch/queue/queue-worker.ts';
import type { BatchClock } from '../../../../src/batch/batch-clock.ts';

let queues = 0;

/** A queue name of its own per test (tests may share one INTERPLAY_TEST_REDIS_URL). */
export const freshQueueName = () => `test-${process.pid}-${++queues}`;

/** The real clock, for processes that wait on Redis's answers. */
export const realClock: BatchClock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, Math.max(0, ms));
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  }),
};

/** An in-process worker on a queue, with its own connection; `stop` closes both. */
export async function inProcessWorker(location: QueueLocation, options: Partial<QueueWorkerOptions> = {}): Promise<QueueWorker & { stop(): Promise<void> }> {
  const connection = new Redis({ host: location.host, port: location.port, db: location.db, maxRetriesPerRequest: null });
  const worker = await startQueueWorker({ location, connection, concurrency: 4, clock: realClock, domainByName: getDomain, apiKeyOf: () => undefined, ...options });
  return Object.assign(worker, {
    stop: async () => {
      await worker.close();
      connection.disconnect();
    },
  });
}

export const locationOf = (url: string, name: string) => parseQueueUrl(url, name);

/** What must agree between two runs of one seeded batch: per job id, its verdict, ending and final state. */
export function runOutcome(folder: string) {
  const lines = readFileSync(join(folder, 'trajectories.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
  return lines
    .map((line) => JSON.parse(line) as { id: string; verdict: unknown; termination: unknown; finalStateHash: string; messages: unknown[] })
    .map((trajectory) => ({ id: trajectory.id, verdict: trajectory.verdict, termination: trajectory.termination, finalStateHash: trajectory.finalStateHash, messages: trajectory.messages.length }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
