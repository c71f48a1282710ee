import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completionReply, startChatCompletionsServer, type ChatCompletionsServer } from '../../../src/models/index.ts';
import { runGenerate } from '../support/run-generate.ts';
import { eventually } from '../../support/eventually.ts';
import { hasRedis, noteSkip, testRedis } from '../../support/redis-server.ts';
import { startInterplay, startWorkerProcess } from './support/interplay-child.ts';
import { freshQueueName, inProcessWorker, locationOf, runOutcome } from './support/queue-fixtures.ts';

const redis = await testRedis();
noteSkip(redis);
const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  while (closers.length > 0) await closers.pop()?.();
  if (hasRedis(redis)) await redis.stop();
});
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-queue-kills-'));

/**
 * A model server whose replies depend only on the request (so every run of the batch ends the same), and
 * that holds every reply while its gate is shut: a job is then surely mid-rollout on whoever sent it.
 */
async function gatedServer(shut: boolean): Promise<{ server: ChatCompletionsServer; firstRequest: Promise<void>; open(): void }> {
  let open!: () => void;
  const opened = shut ? new Promise<void>((resolve) => (open = resolve)) : Promise.resolve();
  if (!shut) open = () => undefined;
  let seen!: () => void;
  const firstRequest = new Promise<void>((resolve) => (seen = resolve));
  const server = await startChatCompletionsServer(async ({ body }) => {
    seen();
    await opened;
    const request = body as { model: string };
    const text = JSON.stringify(body);
    if (request.model === 'human-model') return completionReply({ content: text.includes('Anything else') ? 'No, thanks. ###STOP###' : 'Please cancel my pending order.' });
    return completionReply({ content: text.includes('cancel') ? 'I cannot cancel orders here. Anything else?' : 'Anything else?', usage: { prompt_tokens: 10, completion_tokens: 5 } });
  });
  closers.push(() => server.close());
  return { server, firstRequest, open };
}

const batch = (baseURL: string) => ['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', 'retail-update-default-address', '--agent-model', 'agent-model', '--agent-base-url', baseURL, '--human-model', 'human-model', '--human-base-url', baseURL, '--trials', '3', '--seed', '11'];

/** The batch run in one process, uninterrupted: what every queued run must end identical to. */
async function reference() {
  const { server } = await gatedServer(false);
  const out = join(scratch(), 'in-process');
  const run = await runGenerate([...batch(server.baseURL), '--out', out]);
  expect(run.code).toBe(0);
  return runOutcome(out);
}

const ids = (folder: string) => readFileSync(join(folder, 'trajectories.jsonl'), 'utf8').split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { id: string }).id);

describe.skipIf(!hasRedis(redis))('the queue when processes die', () => {
  it('a worker SIGKILLed mid-job: another of three takes the job over; nothing is lost or duplicated', async () => {
    if (!hasRedis(redis)) return;
    const expected = await reference();
    const name = freshQueueName();
    const gate = await gatedServer(true);
    const doomed = await startWorkerProcess(redis.url, name);
    const out = join(scratch(), 'queued');
    const coordinator = runGenerate([...batch(gate.server.baseURL), '--out', out, '--concurrency', '6', '--queue', redis.url, '--queue-name', name]);
    await gate.firstRequest;
    doomed.process.kill('SIGKILL');
    expect(await doomed.exited).toBe(137);
    const survivors = await Promise.all([startWorkerProcess(redis.url, name), startWorkerProcess(redis.url, name)]);
    gate.open();
    const run = await coordinator;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const worker of survivors) worker.process.kill('SIGTERM');
    for (const worker of survivors) {
      expect(await worker.exited).toBe(0);
      expect(worker.stdout()).toMatch(/worker: stopped after \d+ job\(s\)/);
    }
    expect(ids(out)).toHaveLength(6);
    expect(new Set(ids(out)).size).toBe(6);
    expect(runOutcome(out)).toEqual(expected);
  });

  it('an offline batch on three worker processes, one SIGKILLed mid-run, ends identical to the in-process run', async () => {
    if (!hasRedis(redis)) return;
    const offline = ['--domain', 'retail', '--blueprints', 'blueprints/retail', '--offline', '--fallible', '--trials', '8', '--seed', '5'];
    const inProcess = join(scratch(), 'in-process');
    expect((await runGenerate([...offline, '--out', inProcess])).code).toBe(0);
    const expected = runOutcome(inProcess);
    const total = expected.length;

    const name = freshQueueName();
    const workers = await Promise.all([0, 1, 2].map(() => startWorkerProcess(redis.url, name, { concurrency: 4 })));
    const out = join(scratch(), 'queued');
    const log = join(out, 'trajectories.jsonl');
    const coordinator = runGenerate([...offline, '--out', out, '--concurrency', '12', '--queue', redis.url, '--queue-name', name]);
    // Once a tenth of the jobs are in the log, one worker dies holding whatever jobs it has taken.
    const doneWhenKilled = await eventually(() => {
      const done = existsSync(log) ? ids(out).length : 0;
      expect(done).toBeGreaterThanOrEqual(Math.ceil(total / 10));
      return done;
    });
    workers[0]?.process.kill('SIGKILL');
    expect(await workers[0]?.exited).toBe(137);
    const run = await coordinator;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The kill came mid-run: the log was not complete yet.
    expect(doneWhenKilled).toBeLessThan(total);
    for (const worker of workers.slice(1)) worker.process.kill('SIGTERM');
    for (const worker of workers.slice(1)) expect(await worker.exited).toBe(0);
    expect(ids(out)).toHaveLength(total);
    expect(new Set(ids(out)).size).toBe(total);
    expect(runOutcome(out)).toEqual(expected);
  });

  it('a coordinator SIGKILLed mid-run: --resume --queue collects what finished meanwhile and enqueues only the rest', async () => {
    if (!hasRedis(redis)) return;
    const expected = await reference();
    const name = freshQueueName();
    const gate = await gatedServer(true);
    let completed = 0;
    let twoCompleted!: () => void;
    const bothDone = new Promise<void>((resolve) => (twoCompleted = resolve));
    const worker = await inProcessWorker(locationOf(redis.url, name), {
      concurrency: 1,
      onJobCompleted: () => {
        if (++completed === 2) twoCompleted();
      },
    });
    closers.push(() => worker.stop());
    const root = scratch();
    const out = join(root, 'queued');
    // Two jobs on the queue at once: the one the worker holds at the gate, and the next.
    const coordinator = startInterplay(['generate', ...batch(gate.server.baseURL), '--out', out, '--concurrency', '2', '--queue', redis.url, '--queue-name', name], { cwd: root });
    await gate.firstRequest;
    coordinator.process.kill('SIGKILL');
    expect(await coordinator.exited).toBe(137);
    // The two jobs end while no coordinator listens.
    gate.open();
    await bothDone;

    const resumed = await runGenerate(['--resume', out, '--queue', redis.url, '--queue-name', name], { cwd: root });
    // The killed coordinator left its writer lock: the resume takes it over (its pid is dead on this host) and says so.
    expect(resumed.stderr).toMatch(/^took over the writer lock of \S+: its writer, pid \d+ on host \S+ \(generate, since \S+\), is gone\n$/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`resuming ${out}: 0 trajectories already in the log`);
    expect(ids(out)).toHaveLength(6);
    expect(new Set(ids(out)).size).toBe(6);
    expect(runOutcome(out)).toEqual(expected);
    // Every job ran once: the two that ended while the coordinator was down were collected, not run again.
    expect(worker.done).toBe(6);
  });
});
