import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInterplay } from '../../support/run-cli.ts';

/** A loopback port nothing listens on (found free, then closed). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });

describe('the queue flags', () => {
  it('refuse a --queue that is not redis://host:port[/db] as a usage error (exit 2), before anything is written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'interplay-queue-cli-'));
    for (const [url, says] of [
      ['http://127.0.0.1:6379', 'must start with redis://'],
      ['redis://127.0.0.1:6379/db7', "path is the database number"],
      ['redis://user:pw@127.0.0.1:6379', 'must not carry a user or password'],
      ['not a url', 'must be a URL like redis://'],
    ] as const) {
      const run = await runInterplay(['generate', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', join(root, 'run'), '--queue', url], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(says);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const worker = await runInterplay(['worker', '--queue', 'redis://127.0.0.1:6379', '--queue-name', 'no spaces'], { cwd: root });
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('--queue-name must be');
    const missing = await runInterplay(['worker'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--queue');
    expect(readdirSync(root)).toEqual([]);
  });

  it('say in one line that no Redis answers (exit 3: the world), and write no run folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'interplay-queue-cli-'));
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const run = await runInterplay(['generate', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', join(root, 'run'), '--queue', url], { cwd: root });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`^error: no Redis answers at ${url} .*start one`));
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(root)).toEqual([]);
    const worker = await runInterplay(['worker', '--queue', url], { cwd: root });
    expect(worker.code).toBe(3);
    expect(worker.stderr).toMatch(/^error: no Redis answers at/);
  });
});
