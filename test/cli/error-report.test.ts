import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { UsageError } from '../../src/cli/cli-io.ts';
import { describeSystemError } from '../../src/cli/error-report.ts';
import { EXIT_CODES, FailedJobsError } from '../../src/cli/exit-codes.ts';
import { runProgram } from '../../src/cli/program.ts';
import { InvalidDataError } from '../../src/domain-kit/index.ts';

/** A program with one command that throws what the test gives it, run through the CLI's error path. */
async function runThrowing(thrown: () => unknown, argv: string[] = ['fail']) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (text) => void (stdout += text), err: (text) => void (stderr += text), now: () => new Date('2026-01-02T03:04:05.000Z'), env: {}, cwd: process.cwd(), isTerminal: false };
  const program = new Command('interplay');
  program
    .command('fail')
    .option('--out <dir>', 'run folder')
    .action(() => {
      throw thrown();
    });
  const code = await runProgram(program, argv, io);
  return { code, stdout, stderr };
}

/** An error shaped as Node raises it for a failed system call. */
const systemError = (code: string, syscall: string, path?: string): NodeJS.ErrnoException & { code: string } => Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, ...(path ? { path } : {}) });

describe('the one error path', () => {
  it('maps bad input, failed jobs and file system errors to one `error:` line and their exit codes', async () => {
    const cases: Array<[() => unknown, number, string]> = [
      [() => new UsageError('--trials must be a whole number'), EXIT_CODES.badInput, 'error: --trials must be a whole number\n'],
      [() => new InvalidDataError('not a valid blueprint', '/x/b.json'), EXIT_CODES.badInput, 'error: /x/b.json: not a valid blueprint\n'],
      [() => new FailedJobsError('2 jobs failed: endpoint-rejected'), EXIT_CODES.failedJobs, 'error: 2 jobs failed: endpoint-rejected\n'],
      [() => systemError('EACCES', 'open', '/runs/r1/manifest.json'), EXIT_CODES.badInput, 'error: permission denied for /runs/r1/manifest.json: fix its permissions, or write somewhere else (another --out folder)\n'],
    ];
    for (const [thrown, code, line] of cases) {
      const run = await runThrowing(thrown);
      expect(run.code).toBe(code);
      expect(run.stderr).toBe(line);
      expect(run.stdout).toBe('');
    }
  });

  it('ends quietly with 0 when a write meets a closed pipe', async () => {
    const run = await runThrowing(() => systemError('EPIPE', 'write'));
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints an internal error as one line and where its trace was written (the temp dir), never the trace', async () => {
    const run = await runThrowing(() => new TypeError('cannot read properties of undefined'));
    expect(run.code).toBe(EXIT_CODES.internal);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    const match = /^error: internal error \(a bug in interplay; please report it\): TypeError: cannot read properties of undefined; the full trace is in (.+)\n$/.exec(run.stderr);
    expect(match).not.toBeNull();
    const file = match?.[1] as string;
    expect(file.startsWith(tmpdir())).toBe(true);
    const trace = readFileSync(file, 'utf8');
    expect(trace).toContain('command: interplay fail');
    expect(trace).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
    rmSync(file);
  });

  it("writes an internal error's trace into the run folder the command names", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'interplay-crash-')), 'run');
    mkdirSync(folder);
    writeFileSync(join(folder, 'manifest.json'), '{}');
    const run = await runThrowing(() => new RangeError('Maximum call stack size exceeded'), ['fail', '--out', folder]);
    expect(run.code).toBe(EXIT_CODES.internal);
    const file = join(folder, 'crash-20260102-030405.txt');
    expect(run.stderr).toContain(`; the full trace is in ${file}\n`);
    expect(existsSync(file)).toBe(true);
  });

  it('names the path and what to do for each file system error (EROFS and EDQUOT cannot be made in a test: errors as Node raises them)', () => {
    expect(describeSystemError(systemError('EROFS', 'open', '/mnt/ro/out.json'))).toBe(
      '/mnt/ro/out.json is on a read-only file system: write somewhere else (another --out folder)',
    );
    const noPath = systemError('ENOSPC', 'write');
    expect(describeSystemError(noPath, '/runs/r1')).toBe('no space left on the device while writing a file in /runs/r1: free some space, then run the command again');
    expect(describeSystemError(noPath)).toBe('no space left on the device while writing a file (the system did not say which): free some space, then run the command again');
    expect(describeSystemError(systemError('EDQUOT', 'write', '/home/u/run/x'))).toMatch(/^disk quota exceeded while writing \/home\/u\/run\/x: /);
  });
});
