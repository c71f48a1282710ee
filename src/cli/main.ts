import { runCli } from './program.ts';

// The only place that touches the real process: argv, environment, clock, streams, exit code.
const exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  now: () => new Date(),
  env: process.env,
  cwd: process.cwd(),
  isTerminal: Boolean(process.stdout.isTTY),
});
process.exitCode = exitCode;
