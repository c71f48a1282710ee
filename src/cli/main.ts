import { isClosedPipe, reportFailure } from './error-report.ts';
import { runCli } from './program.ts';
import { codeVersion } from '../package-root.ts';
import { releaseHeldRunLocksSync } from '../store/run-lock.ts';

// The reader of stdout went away (`interplay replay … | head`): stop writing and exit quietly. The
// command itself goes on to its end, so nothing it writes to disk is left half-way. Once the pipe is
// gone, writes that were already on their way fail too (the stream is destroyed): those are expected.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (!stdoutClosed && !isClosedPipe(error)) throw error;
  stdoutClosed = true;
});
process.stderr.on('error', () => undefined);

// Whatever escapes a command (an error thrown from a timer or a stream) ends through the same error
// path: one line and a trace file, never a raw trace on the terminal.
const endOnEscapedError = (error: unknown) => {
  const report = reportFailure(error, { argv: process.argv.slice(2), now: new Date(), version: codeVersion() });
  if (report.line) process.stderr.write(`${report.line}\n`);
  process.exit(report.exitCode);
};
process.on('uncaughtException', endOnEscapedError);
process.on('unhandledRejection', endOnEscapedError);

// Stopped by a signal (ctrl+c without the live view, a kill from a supervisor): give back the run folders'
// writer locks, then end as a shell expects (128 + the signal). Everything written so far is resumable.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    // A command that handles the signal itself decides when it ends (a worker finishes its running jobs first).
    if (process.listenerCount(signal) > 1) return;
    releaseHeldRunLocksSync();
    process.exit(code);
  });
}

// The only place that touches the real process: argv, environment, clock, streams, exit code.
const exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void (stdoutClosed || process.stdout.write(text)),
  err: (text) => process.stderr.write(text),
  now: () => new Date(),
  env: process.env,
  cwd: process.cwd(),
  isTerminal: Boolean(process.stdout.isTTY),
});
process.exitCode = exitCode;
