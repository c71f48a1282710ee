import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterplayError } from '../domain-kit/errors.ts';
import { UsageError } from './cli-io.ts';
import { EXIT_CODES, FailedJobsError, type ExitCode } from './exit-codes.ts';

/** What the error path knows about the command that failed. */
export interface FailureContext {
  argv: readonly string[];
  now: Date;
  /** The run folder the command writes, when known: where a file error without a path happened, and where a crash trace goes. */
  runFolder?: string | undefined;
  /** Where a crash trace goes when there is no run folder (the OS temp dir by default). */
  traceFolder?: string;
  version: string;
}

/** How a failure ends the command: its exit code and the line to print (none for a closed pipe). */
export interface FailureReport {
  exitCode: ExitCode;
  line: string | undefined;
}

/** A system call's error (ENOSPC, EACCES, ...): Node sets `code` and `syscall`, and `path` when it knows the file. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const candidate = error as NodeJS.ErrnoException | null;
  return candidate instanceof Error && typeof candidate.code === 'string' && /^E[A-Z0-9]+$/.test(candidate.code) && typeof candidate.syscall === 'string';
}

/** The reader of our stdout went away (`interplay replay … | head`): nothing is wrong, stop quietly. */
export const isClosedPipe = (error: unknown) => isSystemError(error) && error.code === 'EPIPE';

/**
 * One line for a filesystem error: what happened, to which path, and what to do. Write errors on an
 * open file carry no path; the run folder the command writes stands in for it when known.
 */
export function describeSystemError(error: NodeJS.ErrnoException & { code: string }, runFolder?: string): string {
  const path = error.path ?? (runFolder ? `a file in ${runFolder}` : undefined);
  const where = path ?? 'a file (the system did not say which)';
  switch (error.code) {
    case 'ENOSPC':
      return `no space left on the device while writing ${where}: free some space, then run the command again`;
    case 'EDQUOT':
      return `disk quota exceeded while writing ${where}: free some space or raise the quota, then run the command again`;
    case 'EROFS':
      return `${where} is on a read-only file system: write somewhere else (another --out folder)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied for ${where}: fix its permissions, or write somewhere else (another --out folder)`;
    case 'EISDIR':
      return `${where} is a folder where a file is expected: move the folder away, or name a file`;
    case 'ENOTDIR':
      return `${where}: a part of this path is a file where a folder is expected: choose another path`;
    case 'ENAMETOOLONG':
      return `${where}: the name is too long for the file system: choose a shorter path`;
    case 'ENOENT':
      return `${where}: no such file or folder`;
    case 'EEXIST':
      return `${where} already exists: remove it, or choose another path`;
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files (opening ${where}): lower --concurrency, or raise the limit (ulimit -n)`;
    default:
      return `${error.syscall ?? 'a file operation'} failed on ${where}: ${error.code}`;
  }
}

/** The first line of an error's message: an internal error's summary. */
const firstLine = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0] as string;

/** The full text of an error for the trace file: its stack, then its causes. */
function traceText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(depth === 0 ? '' : 'caused by:', current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.filter(Boolean).join('\n');
}

/** Writes an internal error's trace to a file and returns its path, or why it could not be written. */
function writeTrace(error: unknown, context: FailureContext): { file: string } | { problem: string } {
  const stamp = context.now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = context.runFolder ? join(context.runFolder, `crash-${stamp}.txt`) : join(context.traceFolder ?? tmpdir(), `interplay-crash-${stamp}-${process.pid}.txt`);
  const text = [`interplay ${context.version} stopped on an internal error at ${context.now.toISOString()}`, `command: interplay ${context.argv.join(' ')}`, '', traceText(error), ''].join('\n');
  try {
    writeFileSync(file, text, { flag: 'w' });
    return { file };
  } catch (writeError) {
    return { problem: (writeError as NodeJS.ErrnoException).code ?? (writeError as Error).message };
  }
}

/**
 * Maps what a command threw to its exit code and one line, `error: ...`. Known errors (bad input, a
 * file system that refused) name the file, field or value; anything else is a bug in interplay: one
 * line and where its full trace was written, never a raw trace on the terminal.
 */
export function reportFailure(error: unknown, context: FailureContext): FailureReport {
  if (isClosedPipe(error)) return { exitCode: EXIT_CODES.success, line: undefined };
  if (error instanceof FailedJobsError) return { exitCode: EXIT_CODES.failedJobs, line: `error: ${error.message}` };
  if (error instanceof UsageError || error instanceof InterplayError) return { exitCode: EXIT_CODES.badInput, line: `error: ${error.message}` };
  if (isSystemError(error)) return { exitCode: EXIT_CODES.badInput, line: `error: ${describeSystemError(error, context.runFolder)}` };
  const trace = writeTrace(error, context);
  const where = 'file' in trace ? `the full trace is in ${trace.file}` : `the trace could not be written (${trace.problem})`;
  return { exitCode: EXIT_CODES.internal, line: `error: internal error (a bug in interplay; please report it): ${firstLine(error)}; ${where}` };
}
