import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { createOfflineTemplateGenerator } from '../../../src/blueprints/generation/offline/offline-generator.ts';
import { registerBlueprintsCommand } from '../../../src/cli/commands/blueprints.ts';
import { completionReply, startChatCompletionsServer, type ChatMessage } from '../../../src/models/index.ts';
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
  it('--offline generates, writes accepted blueprints to the store, and reports per stage and round', async () => {
    const cwd = tempFolder();
    const { stdout, error } = await runBlueprints(['generate', '--domain', 'retail', '--count', '12', '--seed', '4', '--offline'], { cwd });
    expect(error).toBeUndefined();
    expect(stdout).toContain('with offline:template-generator');
    expect(stdout).toContain('offline: the committee is skipped');
    expect(stdout).toMatch(/✓ retail-generated-s4-0000 validated/);
    expect(stdout).toContain('wrote 12 accepted blueprints to blueprints/retail');
    expect(stdout).toContain('accepted 12 of 12');
    expect(stdout).toContain('committee  skipped (12)');
    expect(stdout).toContain('round 0: +12, 12 in all (100.0%)');
    const files = readdirSync(join(cwd, 'blueprints', 'retail')).sort();
    expect(files).toHaveLength(12);
    expect(existsSync(join(cwd, 'blueprints', 'index.json'))).toBe(true);
    const stored = JSON.parse(readFileSync(join(cwd, 'blueprints', 'retail', files[0] as string), 'utf8'));
    expect(stored).toMatchObject({ status: 'validated', provenance: { kind: 'generated', generator: 'offline:template-generator' } });

    const recombined = await runBlueprints(['recombine', '--domain', 'retail', '--count', '2', '--offline'], { cwd });
    expect(recombined.error).toBeUndefined();
    expect(recombined.stdout).toMatch(/✓ retail-recombined-s1-0000 validated .*from retail-generated-s4-\d+ \+ retail-generated-s4-\d+/);
    expect(readdirSync(join(cwd, 'blueprints', 'retail')).filter((file) => file.includes('recombined')).length).toBeGreaterThan(0);
  });

  it('--out writes plain files to the folder given; recombine says when there is nothing to join', async () => {
    const cwd = tempFolder();
    const { error } = await runBlueprints(['generate', '--domain', 'airline', '--count', '2', '--offline', '--out', 'mine'], { cwd });
    expect(error).toBeUndefined();
    expect(readdirSync(join(cwd, 'mine')).sort()).toEqual(['airline-generated-s1-0000.json', 'airline-generated-s1-0001.json']);
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

  it('graph prints the derived edges', async () => {
    const { stdout } = await runBlueprints(['graph', '--domain', 'airline']);
    expect(stdout).toContain('API dependency graph of airline');
    expect(stdout).toContain('get_user_details (read, entry):');
    expect(stdout).toContain('  -> update_reservation_baggages  via reservation_id, total_baggages, nonfree_baggages, payment_id');
  });
});
