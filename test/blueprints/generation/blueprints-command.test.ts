import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { readBlueprints } from '../../../src/blueprints/blueprint-files.ts';
import { createOfflineTemplateGenerator } from '../../../src/blueprints/generation/offline/offline-generator.ts';
import { resolveBlueprints } from '../../../src/cli/blueprint-option.ts';
import { registerBlueprintsCommand } from '../../../src/cli/commands/blueprints-command.ts';
import { completionReply, errorReply, startChatCompletionsServer, type ChatMessage } from '../../../src/models/index.ts';
import { review } from '../review-replies.ts';
import { domainFixture } from './generation-fixtures.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'interplay-blueprints-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Runs `interplay blueprints ...` on a fresh program; resolves with the output, or the error it failed with. */
async function runBlueprints(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    out: (text: string) => void (stdout += text),
    err: (text: string) => void (stderr += text),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: options.env ?? {},
    cwd: options.cwd ?? tempFolder(),
    isTerminal: false,
  };
  const program = new Command('interplay').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerBlueprintsCommand(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    for (const sub of command.commands) sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  let error: Error | undefined;
  try {
    await program.parseAsync(['blueprints', ...argv], { from: 'user' });
  } catch (caught) {
    error = caught as Error;
  }
  return { stdout, stderr, error };
}

describe('interplay blueprints: bad input', () => {
  it('says how to configure a generator model when there is none and no --offline', async () => {
    const { error } = await runBlueprints(['generate', '--domain', 'retail', '--count', '2']);
    expect(error?.name).toBe('UsageError');
    expect(error?.message).toMatch(/no generator model is configured: pass --generator-model <model>.*or pass --offline/);
    const recombine = await runBlueprints(['recombine', '--domain', 'retail']);
    expect(recombine.error?.message).toMatch(/no generator model is configured/);
  });

  it.each([
    [['--count', '0'], /--count must be a whole number from 1/],
    [['--count', 'many'], /--count must be a whole number/],
    [['--seed', '-3'], /--seed must be a whole number from 0/],
    [['--seed', '1.5'], /--seed must be a whole number/],
  ])('rejects %j', async (flags, message) => {
    const { error } = await runBlueprints(['generate', '--domain', 'retail', '--offline', ...flags]);
    expect(error?.message).toMatch(message);
  });

  it('rejects an unknown domain, a missing --domain, and a key variable that is not set', async () => {
    expect((await runBlueprints(['generate', '--domain', 'bank', '--offline'])).error?.message).toMatch(/bank/);
    const missing = await runBlueprints(['generate', '--offline']);
    expect(missing.stderr).toContain("required option '--domain <name>' not specified");
    const noKey = await runBlueprints(['generate', '--domain', 'retail', '--generator-model', 'gpt-x', '--generator-api-key-env', 'MY_KEY']);
    expect(noKey.error?.message).toMatch(/MY_KEY .* is not set/);
  });
});

describe('interplay blueprints generate / recombine / graph', () => {
  it('--offline generates, writes accepted blueprints to the working folder blueprints/<domain>/generated/, and reports per stage and round', async () => {
    const cwd = tempFolder();
    const { stdout, error } = await runBlueprints(['generate', '--domain', 'retail', '--count', '12', '--seed', '4', '--offline'], { cwd });
    expect(error).toBeUndefined();
    expect(stdout).toContain('with offline:template-generator');
    expect(stdout).toContain('offline: the committee is skipped');
    expect(stdout).toMatch(/✓ retail-generated-s4-0000 validated/);
    expect(stdout).toContain(`wrote 12 accepted blueprints to ${join('blueprints', 'retail', 'generated')}`);
    expect(stdout).toContain('accepted 12 of 12');
    expect(stdout).toContain('committee  skipped (12)');
    expect(stdout).toContain('round 0: +12, 12 in all (100.0%)');
    const generated = join(cwd, 'blueprints', 'retail', 'generated');
    const files = readdirSync(generated).filter((file) => !file.startsWith('.')).sort();
    expect(files).toHaveLength(12);
    // The shipped set and its index are untouched.
    expect(readdirSync(join(cwd, 'blueprints', 'retail'))).toEqual(['generated']);
    expect(existsSync(join(cwd, 'blueprints', 'index.json'))).toBe(false);
    const stored = JSON.parse(readFileSync(join(generated, files[0] as string), 'utf8'));
    expect(stored).toMatchObject({ status: 'validated', provenance: { kind: 'generated', generator: 'offline:template-generator' } });

    const recombined = await runBlueprints(['recombine', '--domain', 'retail', '--count', '2', '--offline'], { cwd });
    expect(recombined.error).toBeUndefined();
    expect(recombined.stdout).toMatch(/✓ retail-recombined-s1-0000 validated .*from retail-generated-s4-\d+ \+ retail-generated-s4-\d+/);
    expect(readdirSync(generated).filter((file) => file.includes('recombined')).length).toBeGreaterThan(0);
  });

  it('--out writes plain files to the folder given; recombine says when there is nothing to join', async () => {
    const cwd = tempFolder();
    const { error } = await runBlueprints(['generate', '--domain', 'airline', '--count', '2', '--offline', '--out', 'mine'], { cwd });
    expect(error).toBeUndefined();
    expect(readdirSync(join(cwd, 'mine')).sort()).toEqual(['.interplay-written.json', 'airline-generated-s1-0000.json', 'airline-generated-s1-0001.json']);
    expect(existsSync(join(cwd, 'blueprints'))).toBe(false);
    const empty = await runBlueprints(['recombine', '--domain', 'airline', '--offline', '--from', 'nowhere'], { cwd });
    expect(empty.stdout).toContain('no more combinations: recombination needs 2 or more accepted blueprints of one user');
  });

  it('generates through a configured generator model (loopback server), with the committee skipped for want of reviewers', async () => {
    const offline = createOfflineTemplateGenerator(domainFixture('retail'));
    const server = await startChatCompletionsServer(async ({ body }) => {
      const reply = await offline.complete({ messages: (body as { messages: ChatMessage[] }).messages });
      return completionReply({ content: `Here you go:\n${reply.message.content}`, usage: { prompt_tokens: 10, completion_tokens: 5 } });
    });
    cleanups.push(() => server.close());
    const { stdout, error } = await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--generator-model', 'gen-1', '--generator-base-url', server.baseURL]);
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
    expect(stdout).toContain('with gen-1@');
    expect(stdout).toContain('no committee (no --reviewer-model given: the committee stage is skipped)');
    expect(stdout).toContain('accepted 2 of 2');
  });

  it('a draft whose committee is down is "not validated" (UnfinishedWorkError, exit 3); the others are still written', async () => {
    const offline = createOfflineTemplateGenerator(domainFixture('retail'));
    let reviews = 0;
    const server = await startChatCompletionsServer(async ({ body }) => {
      const request = body as { model: string; messages: ChatMessage[] };
      if (request.model === 'gen-1') return completionReply({ content: (await offline.complete({ messages: request.messages })).message.content ?? '' });
      // The committee answers for the first draft, then goes down.
      if (reviews++ < 2) return completionReply({ content: `<think>{"correctness": 0}</think>${JSON.stringify(review([1, 1, 1, 1]))}` });
      return errorReply(503, { message: 'overloaded', headers: { 'retry-after-ms': '1' } });
    });
    cleanups.push(() => server.close());
    const cwd = tempFolder();
    const { stdout, error } = await runBlueprints(
      ['generate', '--domain', 'retail', '--count', '2', '--generator-model', 'gen-1', '--generator-base-url', server.baseURL, '--reviewer-model', 'r1', 'r2'],
      { cwd, env: { OPENAI_BASE_URL: server.baseURL } },
    );
    expect(stdout).toMatch(/✓ retail-generated-s1-0000 approved/);
    expect(stdout).toMatch(/! retail-generated-s1-0001 not validated: no quorum because reviewer calls failed: 0 of 2 reviewers voted, 2 needed, 2 failed/);
    expect(stdout).toContain(`wrote 1 accepted blueprint to ${join('blueprints', 'retail', 'generated')}`);
    expect(error?.name).toBe('UnfinishedWorkError');
    expect(error?.message).toMatch(/^1 blueprint not validated: no quorum because reviewer calls failed/);
  });

  it('graph prints the derived edges', async () => {
    const { stdout } = await runBlueprints(['graph', '--domain', 'airline']);
    expect(stdout).toContain('API dependency graph of airline');
    expect(stdout).toContain('get_user_details (read, entry):');
    expect(stdout).toContain('  -> update_reservation_baggages  via reservation_id, total_baggages, nonfree_baggages, payment_id');
  });
});

describe('where interplay blueprints writes (never over what the user did not ask to replace)', () => {
  const generated = (cwd: string, domain = 'retail') => join(cwd, 'blueprints', domain, 'generated');
  const blueprintFiles = (folder: string) => readdirSync(folder).filter((file) => !file.startsWith('.')).sort();

  it('refuses, before any work, to overwrite without --force; --force replaces only files interplay wrote and nobody edited', async () => {
    const cwd = tempFolder();
    expect((await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--offline'], { cwd })).error).toBeUndefined();
    const first = join(generated(cwd), 'retail-generated-s1-0000.json');
    const again = await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--offline'], { cwd });
    expect(again.error?.name).toBe('InvalidDataError');
    expect(again.error?.message).toBe(
      `blueprints: ${first} exists: pass --force to replace it (only a file interplay wrote and nobody edited since is replaced), or write elsewhere with --out (and 1 more file this run would write); nothing was generated`,
    );
    expect(again.stdout).toBe('');

    const forced = await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--offline', '--force'], { cwd });
    expect(forced.error).toBeUndefined();
    expect(forced.stdout).toContain('wrote 2 accepted blueprints');

    // A hand edit makes the file the user's: even --force leaves it alone.
    writeFileSync(first, readFileSync(first, 'utf8').replace('"status": "validated"', '"status": "approved"'));
    const edited = await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--offline', '--force'], { cwd });
    expect(edited.error?.message).toContain(`${first} exists and interplay did not write it (or it was edited since): it is never replaced`);
    expect(readFileSync(first, 'utf8')).toContain('"status": "approved"');
  });

  it('--into names the shipped set: written through the store and its index; a corrupt index fails before any work, naming reindex', async () => {
    const cwd = tempFolder();
    const into = await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--offline', '--into', 'blueprints/retail'], { cwd });
    expect(into.error).toBeUndefined();
    expect(into.stdout).toContain(`wrote 2 accepted blueprints to ${join('blueprints', 'retail')}`);
    expect(blueprintFiles(join(cwd, 'blueprints', 'retail'))).toEqual(['retail-generated-s1-0000.json', 'retail-generated-s1-0001.json']);
    const index = JSON.parse(readFileSync(join(cwd, 'blueprints', 'index.json'), 'utf8')) as { blueprints: Record<string, unknown> };
    expect(Object.keys(index.blueprints)).toEqual(['retail-generated-s1-0000', 'retail-generated-s1-0001']);

    writeFileSync(join(cwd, 'blueprints', 'index.json'), '{"schemaVersion": 1, "blueprints": 3}');
    const corrupt = await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--seed', '9', '--offline', '--into', 'blueprints/retail'], { cwd });
    expect(corrupt.error?.message).toContain('not a valid blueprint index; rebuild it from the files with `interplay blueprints reindex');
    expect(corrupt.stdout).toBe('');

    const reindex = await runBlueprints(['reindex'], { cwd });
    expect(reindex.error).toBeUndefined();
    expect(reindex.stdout).toBe(`rebuilt ${join('blueprints', 'index.json')}: 2 blueprints (the old index could not be read: every domain was rebuilt)\n`);
    expect((await runBlueprints(['generate', '--domain', 'retail', '--count', '1', '--seed', '9', '--offline', '--into', 'blueprints/retail'], { cwd })).error).toBeUndefined();
    rmSync(join(cwd, 'blueprints', 'retail', 'retail-generated-s1-0000.json'));
    const domainOnly = await runBlueprints(['reindex', '--domain', 'retail', 'blueprints'], { cwd });
    expect(domainOnly.stdout).toBe(`rebuilt ${join('blueprints', 'index.json')}: 2 blueprints\n`);
    expect((await runBlueprints(['reindex', '--domain', 'bank'], { cwd })).error?.name).toBe('UnknownDomainError');
  });

  it('refuses --out with --into, and an --into that is not a store domain folder', async () => {
    const both = await runBlueprints(['generate', '--domain', 'retail', '--offline', '--out', 'x', '--into', 'blueprints/retail']);
    expect(both.error?.message).toBe('--out and --into conflict: write to a working folder (--out) or into the shipped set (--into), not both');
    const wrong = await runBlueprints(['recombine', '--domain', 'retail', '--offline', '--into', 'blueprints']);
    expect(wrong.error?.message).toBe("--into names a store's retail folder (<store>/retail, e.g. blueprints/retail), not blueprints");
  });

  it('the shipped-folder readers leave the generated/ working folder out unless it is named', async () => {
    const cwd = tempFolder();
    expect((await runBlueprints(['generate', '--domain', 'retail', '--count', '2', '--offline', '--into', 'blueprints/retail'], { cwd })).error).toBeUndefined();
    expect((await runBlueprints(['generate', '--domain', 'retail', '--count', '3', '--seed', '2', '--offline'], { cwd })).error).toBeUndefined();
    expect(readBlueprints([join(cwd, 'blueprints', 'retail')]).map((blueprint) => blueprint.id)).toEqual(['retail-generated-s1-0000', 'retail-generated-s1-0001']);
    expect(readBlueprints([join(cwd, 'blueprints')])).toHaveLength(2);
    expect(readBlueprints([generated(cwd)])).toHaveLength(3);
    const resolved = resolveBlueprints(['blueprints/retail'], cwd, 'retail');
    expect(resolved).toHaveLength(2);
  });
});
