import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Redis for a test file: its URL and how to let go of it. */
export interface TestRedis {
  url: string;
  /** Stops the server this helper started (nothing to do for INTERPLAY_TEST_REDIS_URL's). */
  stop(): Promise<void>;
}

/** Why there is no Redis (printed by the skipping tests). */
export interface NoRedis {
  skip: string;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Starts redis-server on a free loopback port in a temp folder; resolves once it accepts connections. */
async function startOwnServer(binary: string): Promise<TestRedis> {
  let lastError = '';
  // A port found free may be taken before redis binds it (other tests pick ports too): try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const folder = mkdtempSync(join(tmpdir(), 'interplay-redis-'));
    const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', folder, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await new Promise<boolean>((resolve) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Ready to accept connections')) resolve(true);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
      child.once('exit', () => {
        lastError = output.trim().split('\n').at(-1) ?? 'redis-server exited';
        resolve(false);
      });
      child.once('error', (error) => {
        lastError = error.message;
        resolve(false);
      });
    });
    if (started) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
          rmSync(folder, { recursive: true, force: true });
        },
      };
    }
    rmSync(folder, { recursive: true, force: true });
  }
  throw new Error(`redis-server did not start: ${lastError}`);
}

/** The redis-server on PATH, or '' when there is none. */
function redisServerBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : '';
}

/**
 * The Redis of a test file: INTERPLAY_TEST_REDIS_URL when set; else a redis-server of its own (from PATH)
 * on a free loopback port, stopped by `stop()`; else `{ skip }` with the reason — unless
 * INTERPLAY_REQUIRE_REDIS=1 (CI), where a missing Redis is an error, never a skip.
 */
export async function testRedis(): Promise<TestRedis | NoRedis> {
  const given = process.env.INTERPLAY_TEST_REDIS_URL;
  if (given) return { url: given, stop: async () => undefined };
  const required = process.env.INTERPLAY_REQUIRE_REDIS === '1';
  const binary = redisServerBinary();
  if (!binary) {
    const reason = 'no redis-server on PATH and no INTERPLAY_TEST_REDIS_URL: the queue tests are skipped (apt-get install redis-server to run them)';
    if (required) throw new Error(`INTERPLAY_REQUIRE_REDIS=1 but ${reason.replace(': the queue tests are skipped', '')}`);
    return { skip: reason };
  }
  return startOwnServer(binary);
}

/**
 * A Redis of the test's own, which it may stop mid-test (a Redis that goes away): always a redis-server this
 * helper starts, even with INTERPLAY_TEST_REDIS_URL set; `{ skip }` without one, unless INTERPLAY_REQUIRE_REDIS=1.
 */
export async function privateTestRedis(): Promise<TestRedis | NoRedis> {
  const binary = redisServerBinary();
  if (binary) return startOwnServer(binary);
  const reason = 'no redis-server on PATH: the tests that stop their own Redis are skipped (apt-get install redis-server to run them)';
  if (process.env.INTERPLAY_REQUIRE_REDIS === '1') throw new Error(`INTERPLAY_REQUIRE_REDIS=1 but ${reason.replace(': the tests that stop their own Redis are skipped', '')}`);
  return { skip: reason };
}

/** Whether a Redis was had; tests use `describe.skipIf(!hasRedis(redis))`. */
export const hasRedis = (redis: TestRedis | NoRedis): redis is TestRedis => 'url' in redis;

/** Prints why a file's queue tests were skipped (once). */
export function noteSkip(redis: TestRedis | NoRedis): void {
  if (!hasRedis(redis)) process.stderr.write(`skipped: ${redis.skip}\n`);
}
