import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { UsageError, type CliIo } from '../../../src/cli/cli-io.ts';
import { registerAuthorCommand } from '../../../src/cli/commands/author-command.ts';
import type { AuthorAppProps } from '../../../src/tui/author/author-app.tsx';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const shippedBlueprint = join(repository, 'blueprints', 'retail', 'retail-cancel-pending-order.json');

function setup(options: { isTerminal?: boolean; env?: Record<string, string> } = {}) {
  let out = '';
  const io: CliIo = {
    out: (text) => void (out += text),
    err: () => undefined,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    env: options.env ?? {},
    cwd: repository,
    isTerminal: options.isTerminal ?? true,
  };
  const started: AuthorAppProps[] = [];
  const program = new Command('interplay').exitOverride();
  registerAuthorCommand(program, io, async (props) => {
    started.push(props);
    props.onSaved?.(join(repository, 'blueprints', 'retail', 'x.json'), {} as never);
  });
  const run = (...argv: string[]) => program.parseAsync(argv, { from: 'user' });
  return { run, started, output: () => out };
}

describe('interplay author (command)', () => {
  test('refuses to run without a terminal', async () => {
    const { run, started } = setup({ isTerminal: false });
    await expect(run('author', '--domain', 'retail')).rejects.toThrow(new UsageError('author is interactive: run it in a terminal (stdout is not a TTY)'));
    expect(started).toEqual([]);
  });

  test('loads the blueprint to edit and starts the UI in its domain, saving to the working folder under --store', async () => {
    const { run, started, output } = setup();
    await run('author', 'blueprints/retail/retail-cancel-pending-order.json', '--store', 'out/bp', '--author', 'ana');
    expect(started).toHaveLength(1);
    const props = started[0] as AuthorAppProps;
    expect(props.domain?.name).toBe('retail');
    expect(props.blueprint?.id).toBe('retail-cancel-pending-order');
    expect(props.blueprintFile).toBe(shippedBlueprint);
    expect(props.saveTarget.folderFor('retail')).toBe(join(repository, 'out', 'bp', 'retail', 'generated'));
    expect(props.saveTarget.store).toBeUndefined();
    expect(props.author).toBe('ana');
    expect(props.reviewers).toEqual([]);
    expect(props.now().toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(props.domains.map((domain) => domain.name).sort()).toEqual(['airline', 'retail']);
    expect(props.baseFor(props.domain as never).hash()).toBe((props.domain as { createBase(): { hash(): string } }).createBase().hash());
    expect(output()).toBe('saved blueprints/retail/x.json\n');
  });

  test('without a domain or file the UI asks for the domain; saves go to ./blueprints/<domain>/generated/', async () => {
    const { run, started } = setup();
    await run('author');
    expect(started[0]?.domain).toBeUndefined();
    expect(started[0]?.saveTarget.folderFor('airline')).toBe(join(repository, 'blueprints', 'airline', 'generated'));
    expect(started[0]?.saveTarget.shortName({ domain: 'airline', id: 'x' })).toBe('airline/generated/x.json');
  });

  test('--out saves to a folder of your choice; --into names the shipped set, and needs the domain up front', async () => {
    const { run, started } = setup();
    await run('author', '--domain', 'retail', '--out', 'mine');
    expect(started[0]?.saveTarget.folderFor('retail')).toBe(join(repository, 'mine'));
    await run('author', '--domain', 'retail', '--into', 'blueprints/retail');
    expect(started[1]?.saveTarget).toMatchObject({ store: join(repository, 'blueprints') });
    expect(started[1]?.saveTarget.folderFor('retail')).toBe(join(repository, 'blueprints', 'retail'));
    await expect(run('author', '--into', 'blueprints/retail')).rejects.toThrow('--into needs the domain up front: pass --domain, or a blueprint file to edit');
    await expect(run('author', '--domain', 'airline', '--into', 'blueprints/retail')).rejects.toThrow("--into names a store's airline folder");
    await expect(run('author', '--domain', 'airline', '--into', 'blueprints/airline', '--out', 'x')).rejects.toThrow('--out and --into conflict');
  });

  test('reviewer models become the committee of the checks', async () => {
    const { run, started } = setup({ env: { OPENAI_API_KEY: 'sk-test' } });
    await run('author', '--domain', 'airline', '--reviewer-model', 'judge-a', 'judge-b');
    expect(started[0]?.domain?.name).toBe('airline');
    expect(started[0]?.reviewers).toHaveLength(2);
  });

  test('bad combinations are usage errors', async () => {
    await expect(setup().run('author', shippedBlueprint, '--domain', 'airline')).rejects.toThrow(/is a retail blueprint, not airline/);
    await expect(setup().run('author', '--data', 'somewhere')).rejects.toThrow(/--data needs --domain/);
    await expect(setup().run('author', '--domain', 'shipping')).rejects.toThrow(/shipping/);
  });
});
