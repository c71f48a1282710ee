import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDomain } from '../../../domains/index.ts';
import { EXIT_CODES } from '../../../src/cli/exit-codes.ts';
import { writeDataFolder } from '../../../src/domain-kit/index.ts';
import { runInterplay, type CliRun } from '../../support/run-cli.ts';

// Issue 13's fuzz test: malformed blueprint files, tau-bench task and data files, trajectory lines
// and command lines, each through the real commands (in-process, as the CLI runs them). Whatever the
// input, a command exits with a documented code other than "internal error", prints no stack trace,
// writes nothing outside its output folder and leaves no half-written file. Fixed seeds and about
// 200 command runs in all (test/cli/fuzz-commands.slow.test.ts); npm test runs a quarter of them
// (test/cli/fuzz-commands.test.ts).

const SEED = 13;
const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const shippedBlueprint = (domain: string, id: string) => JSON.parse(readFileSync(join(projectRoot, 'blueprints', domain, `${id}.json`), 'utf8')) as Record<string, unknown>;
const retailBlueprint = shippedBlueprint('retail', 'retail-cancel-pending-order');
const airlineBlueprint = shippedBlueprint('airline', 'airline-compensation-cancelled-flight-1');

/** Every file under a folder with its size and modification time: what "nothing changed" compares. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) visit(child);
      else {
        const stats = statSync(child, { throwIfNoEntry: false });
        files[relative(folder, child)] = stats ? `${stats.size}:${stats.mtimeMs}` : 'dangling';
      }
    }
  };
  if (existsSync(folder)) visit(folder);
  return files;
}

/** Every file a command wrote is whole: no temporary files left, each JSON file parses, each JSONL line parses. */
function expectWholeFiles(folder: string, label: string) {
  for (const file of Object.keys(snapshot(folder))) {
    expect(file, `${label}: a temporary file was left behind`).not.toMatch(/(\.tmp|\.partial)$/);
    const text = readFileSync(join(folder, file), 'utf8');
    if (file.endsWith('.jsonl')) {
      if (text !== '') expect(text.endsWith('\n'), `${label}: ${file} ends in a torn line`).toBe(true);
      for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line), `${label}: ${file}`).not.toThrow();
    } else if (file.endsWith('.json')) {
      expect(() => JSON.parse(text), `${label}: ${file} is not whole JSON`).not.toThrow();
    }
  }
}

/** The outcome rules every command run must keep, whatever its input. */
function expectWellBehaved(run: CliRun, argv: readonly string[]) {
  const label = `interplay ${argv.join(' ').slice(0, 300)}\n${run.stderr.slice(0, 600)}`;
  expect([EXIT_CODES.success, EXIT_CODES.badInput, EXIT_CODES.usage, EXIT_CODES.failedJobs] as number[], label).toContain(run.code);
  // A stack frame: "    at fn (file.ts:12:34)" or "    at file.ts:12:34" (help text may have lines starting "at").
  expect(`${run.stdout}${run.stderr}`, label).not.toMatch(/^\s+at \S.*:\d+:\d+\)?$/m);
  if (run.code !== 0 && run.code !== EXIT_CODES.usage) expect(run.stderr, label).toMatch(/^error: /);
  if (run.code === EXIT_CODES.usage && run.stderr !== '' && !run.stderr.startsWith('Usage:')) expect(run.stderr, label).toMatch(/^error: [^\n]*\n$/);
}

/**
 * A scratch layout: `in/`, `data/` and `run/` hold the inputs (they must not change); `out/` is the
 * output folder commands are given, `cwd/` their working folder (where default output folders go).
 */
interface Workspace {
  root: string;
  input: string;
  out: string;
  cwd: string;
  dataFolder: string;
  runFolder: string;
}

/** Where a command may write: the output folder it was given, or its working folder's default ones. */
const writable = (file: string) => file.startsWith('out/') || file.startsWith('cwd/');

let workspace: Workspace;

/** The scratch folders, a retail data folder and a small run folder, shared by the runs of one file. */
async function makeWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'interplay-fuzz-'));
  const input = join(root, 'in');
  mkdirSync(input);
  const dataFolder = join(root, 'data');
  writeDataFolder(dataFolder, await getDomain('retail').generateData({ seed: 1, scale: 0.02 }));
  const runFolder = join(root, 'run');
  const made = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--fallible', '--trials', '3', '--out', runFolder]);
  expect(made.code).toBe(0);
  const cwd = join(root, 'cwd');
  mkdirSync(cwd);
  workspace = { root, input, out: join(root, 'out'), cwd, dataFolder, runFolder };
}

/** Runs one command on inputs already written, and checks every rule; `out/` is emptied first. */
async function runAndCheck(argv: string[]) {
  rmSync(workspace.out, { recursive: true, force: true });
  rmSync(workspace.cwd, { recursive: true, force: true });
  mkdirSync(workspace.cwd);
  const before = snapshot(workspace.root);
  const run = await runInterplay(argv, { cwd: workspace.cwd });
  expectWellBehaved(run, argv);
  const after = snapshot(workspace.root);
  const outside = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([file]) => !writable(file)));
  expect(outside(after), `interplay ${argv.join(' ').slice(0, 300)} wrote outside its output folder`).toEqual(outside(before));
  expectWholeFiles(workspace.out, argv.join(' ').slice(0, 200));
  expectWholeFiles(workspace.cwd, argv.join(' ').slice(0, 200));
}

// --- Generators ---

const awkwardStrings = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '../../etc', 'retail', 'airline', 'x'.repeat(300), 'é\u0000\ud800', '-', '--help');
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), awkwardStrings, fc.constantFrom(1e308, -0, 0.1, 2 ** 53 + 1));

/** A JSON value nested `depth` deep, as text (JSON.stringify itself would overflow on the deepest). */
const nestedText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** How a file's JSON text may be broken: a changed field, a removed field, raw text damage. */
type TextDamage = { kind: 'none' } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; text: string } | { kind: 'infinite' } | { kind: 'deep'; depth: number };

const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('}', ']', ',', '"', '\\', 'NaN', '\u0000', '{"a":', '1e400') }),
  fc.constant({ kind: 'infinite' as const }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.constantFrom(33, 200, 20_000) }),
);

function damage(text: string, how: TextDamage): string {
  switch (how.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, how.at % (text.length + 1));
    case 'insert': {
      const at = how.at % (text.length + 1);
      return `${text.slice(0, at)}${how.text}${text.slice(at)}`;
    }
    case 'infinite':
      return text.replace(/(-?\d+(\.\d+)?)(?=[,\n\]}])/, '1e400');
    case 'deep':
      return text.replace(/("arguments"|"kwargs"): \{/, `$1: {"deep": ${nestedText(how.depth)},`);
  }
}

/** Structural changes to a record: set, remove or retype fields (keys may be awkward names); often none, so deeper stages are reached too. */
const recordChanges = fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('set' as const), key: fc.oneof(fc.constantFrom('id', 'domain', 'userId', 'instruction', 'actions', 'outputs', 'status', 'schemaVersion', 'user_id', 'kwargs', 'name', 'arguments'), awkwardStrings), value: anyJson }),
    fc.record({ op: fc.constant('remove' as const), key: fc.constantFrom('id', 'domain', 'userId', 'instruction', 'actions', 'outputs', 'status', 'user_id') }),
  ),
  { minLength: 1, maxLength: 3 },
));

type RecordChange = { op: 'set'; key: string; value: unknown } | { op: 'remove'; key: string };

function applyChanges(record: Record<string, unknown>, changes: readonly RecordChange[]): Record<string, unknown> {
  const changed: Record<string, unknown> = { ...record };
  for (const change of changes) {
    if (change.op === 'set') Object.defineProperty(changed, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
    else delete changed[change.key];
  }
  return changed;
}

/** Changes to one action's arguments: awkward values where the tools expect ids and amounts. */
const argumentChanges = fc.dictionary(fc.oneof(fc.constantFrom('order_id', 'reason', 'amount', 'user_id', 'reservation_id'), awkwardStrings), anyJson, { maxKeys: 2 });

/**
 * The fuzz test, with `share` of its ~200 command runs (each property keeps at least one): 1 in the slow
 * suite, less in npm test. The seed is fixed: a run draws the same inputs every time.
 */
export function describeCommandFuzz(share: number): void {
  const runsOf = (runs: number) => Math.max(1, Math.round(runs * share));
  beforeAll(makeWorkspace);
  describe('fuzz: every command ends with a documented code, no trace, nothing outside, nothing half-written', () => {
    it('blueprint files through validate, replay, rollout and generate', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(retailBlueprint, airlineBlueprint),
          recordChanges,
          argumentChanges,
          textDamage,
          fc.constantFrom('validate', 'replay', 'rollout', 'generate'),
          async (source, changes, argumentsChange, how, command) => {
            const blueprint = applyChanges(source, changes);
            const actions = blueprint.actions;
            if (Array.isArray(actions) && actions.length > 0 && typeof actions[0] === 'object' && actions[0] !== null) {
              const first = actions[0] as { arguments?: unknown };
              blueprint.actions = [{ ...first, arguments: { ...(first.arguments as object), ...argumentsChange } }, ...actions.slice(1)];
            }
            const file = join(workspace.input, 'blueprint.json');
            writeFileSync(file, damage(JSON.stringify(blueprint, null, 2), how));
            const domain = source === retailBlueprint ? 'retail' : 'airline';
            const argv = {
              validate: ['validate', file, '--offline'],
              replay: ['replay', file],
              rollout: ['rollout', '--domain', domain, '--blueprints', file, '--offline', '--fallible', '--out', workspace.out],
              generate: ['generate', '--domain', domain, '--blueprints', file, '--offline', '--trials', '1', '--concurrency', '1', '--out', workspace.out],
            }[command];
            await runAndCheck(argv);
          },
        ),
        { seed: SEED, numRuns: runsOf(60) },
      );
    });

    it('tau-bench task files through replay and import, and data files through data check', async () => {
      const task = { user_id: 'user_0', instruction: 'Cancel my order.', actions: [{ name: 'get_user_details', kwargs: { user_id: 'user_0' } }, { name: 'think', kwargs: { thought: 'ok' } }], outputs: ['done'] };
      await fc.assert(
        fc.asyncProperty(recordChanges, argumentChanges, textDamage, fc.constantFrom('replay', 'import', 'data'), async (changes, argumentsChange, how, command) => {
          const changed = applyChanges(task, changes);
          if (Array.isArray(changed.actions) && changed.actions.length > 0) changed.actions = [{ ...(changed.actions[0] as object), kwargs: { ...task.actions[0]?.kwargs, ...argumentsChange } }];
          if (command === 'data') {
            const data = join(workspace.input, 'data');
            cpSync(workspace.dataFolder, data, { recursive: true });
            const users = join(data, 'users.json');
            const records = JSON.parse(readFileSync(users, 'utf8')) as Record<string, unknown>;
            const [firstId] = Object.keys(records);
            const user = applyChanges(records[firstId as string] as Record<string, unknown>, changes);
            writeFileSync(users, damage(JSON.stringify({ ...records, [firstId as string]: user }, null, 1), how));
            await runAndCheck(['data', 'check', '--domain', 'retail', '--data', data]);
            return;
          }
          const tasks = join(workspace.input, 'tasks.json');
          writeFileSync(tasks, damage(JSON.stringify([changed, task], null, 2), how));
          await runAndCheck(
            command === 'replay'
              ? ['replay', '--domain', 'retail', '--data', workspace.dataFolder, '--tau-tasks', tasks]
              : ['import', 'tau-bench', '--domain', 'retail', '--data', workspace.dataFolder, '--tasks', tasks, '--out', join(workspace.out, 'imported')],
          );
        }),
        { seed: SEED, numRuns: runsOf(40) },
      );
    });

    it('trajectory lines through regrade and export', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: 2 }), recordChanges, textDamage, fc.constantFrom('regrade', 'export'), async (line, changes, how, command) => {
          const run = join(workspace.input, 'run');
          rmSync(run, { recursive: true, force: true });
          cpSync(workspace.runFolder, run, { recursive: true });
          const log = join(run, 'trajectories.jsonl');
          const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
          const changed = applyChanges(JSON.parse(lines[line] as string) as Record<string, unknown>, changes);
          lines[line] = damage(JSON.stringify(changed), how).replace(/\n/g, ' ');
          writeFileSync(log, `${lines.join('\n')}\n`);
          await runAndCheck(command === 'regrade' ? ['regrade', run] : ['export', '--format', 'sharegpt', run, '--out', join(workspace.out, 'export.json'), '--all']);
        }),
        { seed: SEED, numRuns: runsOf(30) },
      );
    });

    it('command lines: commands, real and misspelled flags, odd values', async () => {
      const commands = fc.constantFrom(['rollout'], ['generate'], ['validate'], ['replay'], ['regrade'], ['export'], ['domains'], ['data', 'check'], ['data', 'generate'], ['import', 'tau-bench'], ['blueprints', 'graph'], ['watch'], ['rollut'], []);
      const flags = fc.constantFrom('--domain', '--domian', '--blueprints', '--blueprint', '--offline', '--trials', '--seed', '--out', '--data', '--tau-tasks', '--format', '--json', '--resume', '--max-messages', '--scale', '--tasks', '--threshold', '--no-cache', '-x', '--');
      // Paths are the output folder or names relative to the working folder: any path a command is
      // given may be where it writes, and the rule is that it writes nowhere else.
      const values = fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', '', ' ', 'x'.repeat(300), 'é\u0000\ud800', '-'),
        fc.constantFrom('retail', 'airline', 'retail-cancel-pending-order', '0', '-1', '1e400', '3', 'NaN', 'sharegpt', 'blueprints/retail'),
        fc.constant('@out'),
      );
      await fc.assert(
        fc.asyncProperty(commands, fc.array(fc.oneof(flags, values), { maxLength: 7 }), async (command, rest) => {
          await runAndCheck([...command, ...rest].map((token) => (token === '@out' ? workspace.out : token)));
        }),
        { seed: SEED, numRuns: runsOf(70) },
      );
    });
  });
}
