import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchClock } from '../../src/batch/batch-clock.ts';
import { completionReply, startChatCompletionsServer } from '../../src/models/index.ts';
import { runGenerate } from '../batch/support/run-generate.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A clock whose sleeps take no real time: each is recorded, then time jumps by it. */
function jumpingClock(start = Date.UTC(2026, 0, 2)) {
  let now = start;
  const sleeps: number[] = [];
  const clock: BatchClock = {
    now: () => now,
    sleep: (ms) => {
      if (ms > 0) {
        sleeps.push(ms);
        now += ms;
      }
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
  return { clock, sleeps };
}

const storedInputs = (out: string) => JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as { rateLimits?: unknown; recentUse?: Record<string, { requests: number[] }> };
const storedLimits = (out: string) => storedInputs(out).rateLimits;

describe('interplay generate: rate limits are stored with the run', () => {
  it('paces by --rpm, stores it, and a resume reuses it unless a flag overrides it', async () => {
    const server = await startChatCompletionsServer(({ body }) => {
      const request = body as { model: string };
      if (request.model === 'human-model') return completionReply({ content: JSON.stringify(body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Where is my order?' });
      return completionReply({ content: 'It is on its way. Anything else?' });
    });
    closers.push(() => server.close());
    const root = mkdtempSync(join(tmpdir(), 'interplay-rate-limits-'));
    const out = join(root, 'run');
    const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL];
    // One job: the human endpoint is called twice, so at one request per minute its second call waits a minute.
    const minuteWaits = (sleeps: number[]) => sleeps.filter((ms) => ms > 30_000).length;

    const first = jumpingClock();
    const started = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', ...models, '--trials', '1', '--rpm', '1', '--out', out], { cwd: root, hooks: { clock: first.clock } });
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    expect(minuteWaits(first.sleeps)).toBe(1);
    expect(storedLimits(out)).toEqual({ requestsPerMinute: 1 });
    // The human's second request, a minute in, is still in the window when the session ends.
    const firstEnd = first.clock.now();
    expect(storedInputs(out).recentUse?.[`human-model@${server.baseURL}`]?.requests).toEqual([firstEnd]);

    // Resumed 10 s later without --rpm (the job redone, not from the cache): the stored limit still paces it,
    // and the previous session's last request counts: the first human call waits 50 s, the second a minute.
    writeFileSync(join(out, 'trajectories.jsonl'), '');
    const second = jumpingClock(firstEnd + 10_000);
    expect((await runGenerate(['--resume', out, '--rerun-lost', '--no-cache'], { cwd: root, hooks: { clock: second.clock } })).code).toBe(0);
    expect(server.requests).toHaveLength(6);
    expect(second.sleeps.filter((ms) => ms > 30_000)).toEqual([50_000, 60_000]);
    expect(storedLimits(out)).toEqual({ requestsPerMinute: 1 });

    // Resumed with a higher --rpm and a --tpm: they apply now and are stored for the next resume.
    writeFileSync(join(out, 'trajectories.jsonl'), '');
    const third = jumpingClock(second.clock.now() + 10_000);
    expect((await runGenerate(['--resume', out, '--rerun-lost', '--no-cache', '--rpm', '600', '--tpm', '100000'], { cwd: root, hooks: { clock: third.clock } })).code).toBe(0);
    expect(server.requests).toHaveLength(9);
    expect(minuteWaits(third.sleeps)).toBe(0);
    expect(storedLimits(out)).toEqual({ requestsPerMinute: 600, tokensPerMinute: 100_000 });
  });
});
