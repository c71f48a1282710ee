import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBlueprint, readBlueprintFile } from '../../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../../src/blueprints/blueprint.ts';
import { completionReply, errorReply, startChatCompletionsServer, type ChatCompletionsHandler } from '../../src/models/index.ts';
import { cancelBlueprint, identifyByEmail } from '../support/default-retail.ts';
import { runInterplay } from '../support/run-cli.ts';
import { review } from './review-replies.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const newFolder = () => mkdtempSync(join(tmpdir(), 'interplay-validate-outcomes-'));
const write = (file: string, blueprint: Blueprint) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, formatBlueprint(blueprint));
};
const broken = (): Blueprint => ({ ...cancelBlueprint(), id: 'broken', actions: [identifyByEmail(cancelBlueprint().userId), { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }] });
const modelOf = (body: unknown) => (body as { model: string }).model;
const allPass = () => completionReply({ content: JSON.stringify(review([1, 1, 1, 1])) });

/** A loopback server, and a --config naming three reviewers a, b, c on it (one transport retry each, no wait). */
async function committeeServer(folder: string, handler: ChatCompletionsHandler) {
  const server = await startChatCompletionsServer(handler);
  closers.push(() => server.close());
  const reviewers = ['a', 'b', 'c'].map((model) => ({ baseURL: server.baseURL, model, maxRetries: 1, timeoutMs: 120_000 }));
  writeFileSync(join(folder, 'models.json'), JSON.stringify({ models: { reviewers } }));
  return server;
}

describe('interplay validate: outcomes that are not verdicts, and --write', () => {
  it('flags two files with the same blueprint id as bad input, naming both files', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'one.json'), cancelBlueprint());
    write(join(folder, 'in', 'two.json'), cancelBlueprint());
    const run = await runInterplay(['validate', 'in', '--offline'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`the id "cancel-pending" is used by both ${join(folder, 'in', 'one.json')} and ${join(folder, 'in', 'two.json')}`);
  });

  it('one reviewer failing (500 after retries) abstains; the others still approve', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    const server = await committeeServer(folder, ({ body }) => (modelOf(body) === 'b' ? errorReply(500, { message: 'boom', headers: { 'retry-after-ms': '1' } }) : allPass()));
    const run = await runInterplay(['validate', 'in', '--config', 'models.json'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cancel-pending (retail): approved after 1 round');
    // The committee made b's call 3 times (2 retries), each with the transport's own retry: 6 requests.
    expect(server.requests.filter((request) => modelOf(request.body) === 'b')).toHaveLength(6);
  });

  it('a reviewer outage: "not validated", never rejected, nothing written, exit 3', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    await committeeServer(folder, () => errorReply(503, { message: 'overloaded', headers: { 'retry-after-ms': '1' } }));
    const run = await runInterplay(['validate', 'in', '--config', 'models.json', '--write'], { cwd: folder });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('cancel-pending (retail): not validated: no quorum because reviewer calls failed: 0 of 3 reviewers voted, 2 needed, 3 failed');
    expect(run.stdout).not.toContain('rejected');
    expect(run.stdout).toContain('not written: cancel-pending (validation did not finish)');
    expect(run.stdout).toContain('1 blueprint not validated: no quorum because reviewer calls failed');
    expect(run.stderr).toMatch(/^error: 1 blueprint not validated: .*; run validate again on them\n$/);
    expect(existsSync(join(folder, 'blueprints', 'retail', 'cancel-pending.json'))).toBe(false);
  });

  it('a 401 stops validation at once with one line naming the role, endpoint and model', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'a.json'), cancelBlueprint());
    write(join(folder, 'in', 'b.json'), { ...cancelBlueprint(), id: 'second' });
    const server = await committeeServer(folder, ({ body }) => (modelOf(body) === 'c' ? errorReply(401, { message: 'invalid api key', type: 'invalid_request_error' }) : allPass()));
    const run = await runInterplay(['validate', 'in', '--config', 'models.json', '--write'], { cwd: folder });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`error: the reviewer endpoint ${server.baseURL} refused model c (401 invalid api key); validation stopped: check the key and the model name\n`);
    // One call for c, and the second blueprint was never reviewed.
    expect(server.requests.filter((request) => modelOf(request.body) === 'c')).toHaveLength(1);
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(existsSync(join(folder, 'blueprints'))).toBe(true);
    expect(existsSync(join(folder, 'blueprints', 'retail'))).toBe(false);
  });

  it('no quorum (no reviewer gave a usable review): undecided, exit 1, not written', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    await committeeServer(folder, () => completionReply({ content: '<think>{"correctness": 1}</think>Looks fine.' }));
    const run = await runInterplay(['validate', 'in', '--config', 'models.json', '--write'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cancel-pending (retail): undecided after 1 round');
    expect(run.stdout).toContain('  ? committee: undecided\n      no quorum: all 3 reviewers abstained');
    expect(run.stdout).toContain('1 blueprint: 0 accepted (0%), 0 rejected, 1 undecided (no quorum)');
    expect(run.stdout).toContain('not written: cancel-pending (undecided: the committee had no quorum)');
    expect(existsSync(join(folder, 'blueprints', 'retail', 'cancel-pending.json'))).toBe(false);
  });

  it('--min-voters: one voter can approve when allowed; more than the committee is a usage error', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    await committeeServer(folder, ({ body }) => (modelOf(body) === 'a' ? allPass() : completionReply({ content: 'no idea' })));
    const majority = await runInterplay(['validate', 'in', '--config', 'models.json'], { cwd: folder });
    expect(majority.code).toBe(1);
    expect(majority.stdout).toContain('no quorum: 1 of 3 reviewers voted, 2 needed');
    const one = await runInterplay(['validate', 'in', '--config', 'models.json', '--min-voters', '1'], { cwd: folder });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('cancel-pending (retail): approved after 1 round');
    const four = await runInterplay(['validate', 'in', '--config', 'models.json', '--min-voters', '4'], { cwd: folder });
    expect(four.code).toBe(1);
    expect(four.stderr).toBe("error: --min-voters 4 is more than the committee's 3 reviewers\n");
  });

  it('--write never replaces a stored blueprint with a worse status unless --force', async () => {
    const folder = newFolder();
    const stored = join(folder, 'blueprints', 'retail', 'cancel-pending.json');
    write(stored, { ...cancelBlueprint(), status: 'approved' });
    write(join(folder, 'blueprints', 'retail', 'broken.json'), { ...broken(), status: 'validated' });
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    write(join(folder, 'in', 'broken.json'), broken());
    const run = await runInterplay(['validate', 'in', '--offline', '--write'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`kept ${join('blueprints', 'retail', 'broken.json')}: it is validated, the new result is rejected (--force replaces it)`);
    expect(run.stdout).toContain(`kept ${join('blueprints', 'retail', 'cancel-pending.json')}: it is approved, the new result is validated (--force replaces it)`);
    expect(readBlueprintFile(stored).status).toBe('approved');
    const forced = await runInterplay(['validate', 'in', '--offline', '--write', '--force'], { cwd: folder });
    expect(forced.stdout).toContain(`wrote ${join('blueprints', 'retail', 'cancel-pending.json')}`);
    expect(readBlueprintFile(stored).status).toBe('validated');
    expect(readBlueprintFile(join(folder, 'blueprints', 'retail', 'broken.json')).status).toBe('rejected');
    const bare = await runInterplay(['validate', 'in', '--offline', '--force'], { cwd: folder });
    expect(bare.code).toBe(1);
    expect(bare.stderr).toBe('error: --force only applies with --write\n');
  });

  it('--write is all or nothing: when one file cannot be written, none is', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    write(join(folder, 'in', 'flight.json'), { ...cancelBlueprint(), id: 'flight' });
    mkdirSync(join(folder, 'blueprints', 'retail'), { recursive: true });
    // A folder where the second file must go: it cannot be staged, so neither file is written.
    mkdirSync(join(folder, 'blueprints', 'retail', '.flight.json.staged'));
    const run = await runInterplay(['validate', 'in', '--offline', '--write'], { cwd: folder });
    expect(run.code).not.toBe(0);
    expect(existsSync(join(folder, 'blueprints', 'retail', 'cancel-pending.json'))).toBe(false);
    expect(existsSync(join(folder, 'blueprints', 'retail', 'flight.json'))).toBe(false);
    expect(existsSync(join(folder, 'blueprints', 'retail', '.cancel-pending.json.staged'))).toBe(false);
  });

  it('a store whose index cannot be read fails before any validation, naming the reindex command', async () => {
    const folder = newFolder();
    write(join(folder, 'in', 'good.json'), cancelBlueprint());
    mkdirSync(join(folder, 'blueprints'));
    writeFileSync(join(folder, 'blueprints', 'index.json'), '{"schemaVersion": 7}');
    const run = await runInterplay(['validate', 'in', '--offline', '--write'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('not a valid blueprint index; rebuild it from the files with `interplay blueprints reindex');
    expect(readFileSync(join(folder, 'blueprints', 'index.json'), 'utf8')).toBe('{"schemaVersion": 7}');
  });
});
