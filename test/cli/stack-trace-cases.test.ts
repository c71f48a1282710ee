import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInterplay, type CliRun } from '../support/run-cli.ts';

// The cases of issue 13 that ended in a stack trace (exit 70): each now ends in one `error:` line,
// exit 1, and writes nothing half-way.

const shipped = (domain: string, id: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../blueprints/${domain}/${id}.json`, import.meta.url)), 'utf8')) as Record<string, unknown>;
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-stack-'));
const awkwardNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** One error line (continuation lines indented), exit 1, no stack trace anywhere. */
function expectOneErrorLine(run: CliRun, message: RegExp, label: string) {
  expect(run.code, `${label}\n${run.stderr}`).toBe(1);
  expect(run.stderr, label).toMatch(/^error: /);
  expect(run.stderr, label).not.toMatch(/^\s+at /m);
  expect(run.stderr, label).toMatch(message);
}

/** A finished offline run to break in various ways. */
async function finishedRun(): Promise<string> {
  const out = join(scratch(), 'run');
  const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', out]);
  expect(run.code).toBe(0);
  return out;
}

const canWriteUnder = (folder: string) => {
  try {
    mkdirSync(join(folder, `interplay-probe-${process.pid}`));
    rmSync(join(folder, `interplay-probe-${process.pid}`), { recursive: true });
    return true;
  } catch {
    return false;
  }
};
/** sysfs refuses new files even to root (chmod does not stop root): an honest EACCES. */
const sysRefusesWrites = existsSync('/sys/kernel') && !canWriteUnder('/sys/kernel');
/**
 * `chattr +i` makes a file or folder immutable, even for root (chmod does not stop root): an honest
 * read-only run folder. It needs CAP_LINUX_IMMUTABLE and a file system that supports it; probed once.
 */
function setImmutable(paths: readonly string[], on: boolean): boolean {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', ...paths], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const canMakeImmutable = (() => {
  const probe = join(scratch(), 'probe');
  writeFileSync(probe, '');
  const made = setImmutable([probe], true);
  setImmutable([probe], false);
  return made;
})();
/** Every write to /dev/full fails with ENOSPC: an honest full disk, reached through a symlink. */
const hasDevFull = existsSync('/dev/full');

describe('issue 13: no stack traces', () => {
  it('treats __proto__, constructor, toString, hasOwnProperty and valueOf as unknown domains, in --domain and in a blueprint', async () => {
    const folder = scratch();
    for (const name of awkwardNames) {
      const unknown = new RegExp(`unknown domain "${name}" \\(known: retail, airline\\)`);
      const flagCases = [
        ['rollout', '--domain', name, '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', join(folder, `rollout-${name}`)],
        ['generate', '--domain', name, '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', join(folder, `generate-${name}`)],
        ['data', 'check', '--domain', name, '--data', folder],
        ['data', 'generate', '--domain', name, '--out', join(folder, `data-${name}`)],
        ['import', 'tau-bench', '--domain', name, '--data', folder, '--out', join(folder, `import-${name}`)],
        ['replay', '--domain', name, '--tau-tasks', join(folder, 'tasks.json')],
        ['blueprints', 'graph', '--domain', name],
        ['domains', name],
      ];
      for (const argv of flagCases) expectOneErrorLine(await runInterplay(argv), unknown, argv.join(' '));

      const blueprint = writeJson(join(folder, `${name}.json`), { ...shipped('retail', 'retail-cancel-pending-order'), domain: name });
      expectOneErrorLine(await runInterplay(['validate', blueprint, '--offline']), unknown, `validate (${name} blueprint)`);
      expectOneErrorLine(await runInterplay(['replay', blueprint]), unknown, `replay (${name} blueprint)`);
      const notRetail = new RegExp(`is for domain ${name.replace(/[$]/g, '\\$&')}, not retail`);
      expectOneErrorLine(await runInterplay(['rollout', '--domain', 'retail', '--blueprints', blueprint, '--offline', '--out', join(folder, 'r')]), notRetail, `rollout (${name} blueprint)`);
      expectOneErrorLine(await runInterplay(['generate', '--domain', 'retail', '--blueprints', blueprint, '--offline', '--out', join(folder, 'g')]), notRetail, `generate (${name} blueprint)`);
      rmSync(blueprint);
    }
    // Nothing was created by any of them.
    expect(readdirSync(folder)).toEqual([]);
  });

  it.skipIf(!hasDevFull)('names the file a full disk stopped (ENOSPC), and the run has a manifest only with its inputs', async () => {
    // The atomic writer's temporary file is a symlink to /dev/full: writing inputs.json fails as on a full disk.
    const inputsFull = join(scratch(), 'run');
    mkdirSync(inputsFull);
    symlinkSync('/dev/full', join(inputsFull, '.inputs.json.tmp'));
    const first = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', inputsFull]);
    expectOneErrorLine(first, new RegExp(`^error: no space left on the device while writing ${inputsFull}/inputs.json: free some space, then run the command again\\n$`), 'inputs.json on a full disk');
    // No manifest without inputs, and no temporary file left behind.
    expect(readdirSync(inputsFull)).toEqual([]);

    // The trajectory log is /dev/full: the first append fails as on a full disk.
    const logFull = join(scratch(), 'run');
    mkdirSync(logFull);
    symlinkSync('/dev/full', join(logFull, 'trajectories.jsonl'));
    const second = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', logFull]);
    expectOneErrorLine(second, new RegExp(`^error: no space left on the device while writing ${logFull}/trajectories.jsonl: `), 'trajectories.jsonl on a full disk');
    expect(JSON.parse(readFileSync(join(logFull, 'manifest.json'), 'utf8'))).toMatchObject({ counts: { trajectories: 0 } });
  });

  it.skipIf(!sysRefusesWrites)('names the path a file system refused (EACCES), for a run folder and an export target', async () => {
    const refusedRun = await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', '/sys/kernel/interplay-run']);
    expectOneErrorLine(refusedRun, /^error: permission denied for \/sys\/kernel\/interplay-run: fix its permissions, or write somewhere else \(another --out folder\)\n$/, 'run folder in /sys');
    const run = await finishedRun();
    const refusedExport = await runInterplay(['export', '--format', 'sharegpt', run, '--out', '/sys/kernel/interplay-export.json']);
    expectOneErrorLine(refusedExport, /^error: permission denied for \/sys\/kernel\/interplay-export.json: /, 'export into /sys');
  });

  it.skipIf(!canMakeImmutable)('names the file of a read-only run folder (--resume) and a read-only export target', async () => {
    const generated = join(scratch(), 'generated');
    expect((await runInterplay(['generate', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '1', '--concurrency', '1', '--out', generated])).code).toBe(0);
    const frozen = [generated, ...readdirSync(generated).map((file) => join(generated, file))];
    const target = join(scratch(), 'exports');
    mkdirSync(target);
    expect(setImmutable([...frozen, target], true)).toBe(true);
    try {
      expectOneErrorLine(
        await runInterplay(['generate', '--resume', generated]),
        new RegExp(`^error: permission denied for ${generated}/[a-z.]+: fix its permissions, or write somewhere else \\(another --out folder\\)\n$`),
        'generate --resume on a read-only run',
      );
      expectOneErrorLine(
        await runInterplay(['export', '--format', 'sharegpt', generated, '--out', join(target, 'kept.json')]),
        new RegExp(`^error: permission denied for ${target}/kept.json: `),
        'export into a read-only folder',
      );
    } finally {
      setImmutable([...frozen, target], false);
    }
    expect(readdirSync(target)).toEqual([]);
  });

  it('says which trajectories.jsonl is a folder (EISDIR) in rollout, generate --resume, regrade and export', async () => {
    const fresh = join(scratch(), 'run');
    mkdirSync(join(fresh, 'trajectories.jsonl'), { recursive: true });
    expectOneErrorLine(
      await runInterplay(['rollout', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--out', fresh]),
      new RegExp(`^error: ${fresh}/trajectories.jsonl is a folder where a file is expected: move the folder away, or name a file\\n$`),
      'rollout',
    );

    const generated = join(scratch(), 'generated');
    expect((await runInterplay(['generate', '--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', '--offline', '--trials', '1', '--concurrency', '1', '--out', generated])).code).toBe(0);
    rmSync(join(generated, 'trajectories.jsonl'));
    mkdirSync(join(generated, 'trajectories.jsonl'));
    expectOneErrorLine(await runInterplay(['generate', '--resume', generated]), new RegExp(`${generated}/trajectories.jsonl`), 'generate --resume');

    const run = await finishedRun();
    rmSync(join(run, 'trajectories.jsonl'));
    mkdirSync(join(run, 'trajectories.jsonl'));
    expectOneErrorLine(await runInterplay(['regrade', run]), new RegExp(`${run}/trajectories.jsonl: the trajectory log is not a file`), 'regrade');
    const target = join(scratch(), 'out.json');
    expectOneErrorLine(await runInterplay(['export', '--format', 'sharegpt', run, '--out', target]), new RegExp(`${run}/trajectories.jsonl: the trajectory log is not a file`), 'export');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a 300-character id with the limit before anything is written (never ENAMETOOLONG)', async () => {
    const folder = scratch();
    const blueprint = writeJson(join(folder, 'long.json'), { ...shipped('retail', 'retail-cancel-pending-order'), id: 'x'.repeat(300) });
    const store = join(folder, 'store');
    expectOneErrorLine(await runInterplay(['validate', blueprint, '--offline', '--write', '--store', store]), /long.json: not a valid blueprint\n\s+id: at most 128 characters/, 'validate --write');
    const out = join(folder, 'run');
    expectOneErrorLine(await runInterplay(['rollout', '--domain', 'retail', '--blueprints', blueprint, '--offline', '--out', out]), /id: at most 128 characters/, 'rollout');
    expect(existsSync(store)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses action arguments nested 10,000 deep by the nesting limit, before any run folder exists', async () => {
    const folder = scratch();
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const text = JSON.stringify({ ...shipped('retail', 'retail-cancel-pending-order'), actions: [{ name: 'think', arguments: { thought: 'DEEP' } }] }).replace('"DEEP"', deep);
    const blueprint = join(folder, 'deep.json');
    writeFileSync(blueprint, text);
    const nesting = /deep.json: cannot read a blueprint \(nested deeper than the limit of 32 levels, at line 1, column \d+\)/;
    const out = join(folder, 'run');
    expectOneErrorLine(await runInterplay(['rollout', '--domain', 'retail', '--blueprints', blueprint, '--offline', '--out', out]), nesting, 'rollout');
    expectOneErrorLine(await runInterplay(['validate', blueprint, '--offline']), nesting, 'validate');
    expectOneErrorLine(await runInterplay(['replay', blueprint]), nesting, 'replay');
    expect(existsSync(out)).toBe(false);

    const tasks = join(folder, 'tasks.json');
    writeFileSync(tasks, `[{"user_id": "u", "instruction": "x", "actions": [{"name": "think", "kwargs": {"thought": ${deep}}}]}]`);
    expectOneErrorLine(await runInterplay(['replay', '--domain', 'retail', '--tau-tasks', tasks]), /tasks.json: cannot read the task file \(nested deeper than the limit of 33 levels/, 'replay --tau-tasks');
  });

  it('refuses send_certificate with amount 1e400 (Infinity once parsed) naming the field', async () => {
    const folder = scratch();
    const source = shipped('airline', 'airline-compensation-cancelled-flight-1');
    const text = JSON.stringify(source, null, 2).replace(/"amount": \d+/, '"amount": 1e400');
    expect(text).toContain('1e400');
    const blueprint = join(folder, 'infinite.json');
    writeFileSync(blueprint, text);
    const index = (source.actions as Array<{ name: string }>).findIndex((action) => action.name === 'send_certificate');
    const field = new RegExp(`actions\\.${index}\\.arguments\\.amount: a number too large to represent, read as Infinity; numbers must be finite`);
    const out = join(folder, 'run');
    expectOneErrorLine(await runInterplay(['rollout', '--domain', 'airline', '--blueprints', blueprint, '--offline', '--out', out]), field, 'rollout');
    expectOneErrorLine(await runInterplay(['validate', blueprint, '--offline']), field, 'validate');
    expect(existsSync(out)).toBe(false);

    const tasks = join(folder, 'tasks.json');
    writeFileSync(tasks, '[{"user_id": "u", "instruction": "x", "actions": [{"name": "send_certificate", "kwargs": {"user_id": "u", "amount": 1e400}}]}]');
    expectOneErrorLine(await runInterplay(['replay', '--domain', 'airline', '--tau-tasks', tasks]), /0\.actions\.0\.kwargs\.amount: a number too large to represent, read as Infinity/, 'replay --tau-tasks');
  });
});

