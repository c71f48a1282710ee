import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { trajectoryDiagnoser, type TrajectoryDiagnoser } from '../../rollout/diagnostics/index.ts';
import { describeDuplicates, readRunInputs, readRunManifest, TRAJECTORY_LOG_FILE } from '../../store/index.ts';
import { formatPlainSummary } from '../../tui/live/plain-summary.ts';
import { findRunEventSource, RUN_EVENTS_FILE } from '../../tui/live/run-event-follower.ts';
import { StoredTrajectories } from '../../tui/live/stored-trajectories.ts';
import { readRunView, watchRunLive } from '../../tui/live/watch-run.ts';
import type { CliIo } from '../cli-io.ts';
import { UsageError } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { wholeNumber } from '../number-option.ts';

/** The streams the live view draws on and reads keys from. */
export interface WatchTerminal {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/** Diagnoses the run's rejected rollouts from its own inputs and data; undefined when they are missing or changed. */
async function diagnoserOf(folder: string, cwd: string): Promise<TrajectoryDiagnoser | undefined> {
  try {
    const manifest = await readRunManifest(folder);
    const inputs = await readRunInputs(folder);
    const { domain, base } = loadDomain(manifest.domain, inputs.dataFolder ?? undefined, cwd);
    return base.hash() === inputs.baseHash ? trajectoryDiagnoser(domain, base, inputs.blueprints) : undefined;
  } catch {
    return undefined;
  }
}

async function titleOf(folder: string): Promise<string> {
  try {
    const manifest = await readRunManifest(folder);
    return `${manifest.runId} (${manifest.domain})`;
  } catch {
    return basename(folder);
  }
}

/** What `interplay watch` does (its command line is in watch-command.ts); `terminal` is where the live view draws. */
export function watchAction(io: CliIo, terminal: WatchTerminal = { stdout: process.stdout, stdin: process.stdin }) {
  return async (run: string, options: { keep: string }) => {
    const folder = resolve(io.cwd, run);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`no such run folder: ${folder}`);
    const source = findRunEventSource(folder);
    if (!source) throw new UsageError(`nothing to watch in ${folder}: neither ${RUN_EVENTS_FILE} nor ${TRAJECTORY_LOG_FILE} is there`);
    const keep = wholeNumber('--keep', options.keep, 1, 100_000);
    const title = await titleOf(folder);

    if (!io.isTerminal || !terminal.stdin.isTTY) {
      const { state, stats } = await readRunView(source, { keepFinished: 1 });
      io.out(formatPlainSummary(state, title));
      if (state.duplicates.count > 0) io.out(`${describeDuplicates(source.file, state.duplicates)}\n`);
      if (stats.invalidLines > 0) io.out(`(${stats.invalidLines} unreadable line(s) of ${basename(source.file)} skipped)\n`);
      if (stats.pendingBytes > 0) io.out(`(the last line of ${basename(source.file)} is not complete yet: ${stats.pendingBytes} bytes left out)\n`);
      return;
    }

    const diagnose = await diagnoserOf(folder, io.cwd);
    // An event log references finished rollouts by id: their whole conversation is read from the trajectory log when opened.
    const stored = source.kind === 'events' ? new StoredTrajectories(join(folder, TRAJECTORY_LOG_FILE)) : undefined;
    const watched = watchRunLive({
      source,
      title,
      stdout: terminal.stdout,
      stdin: terminal.stdin,
      limits: { keepFinished: keep },
      ...(diagnose ? { diagnose } : {}),
      ...(stored ? { storedTrajectory: (id: string) => stored.find(id) } : {}),
    });
    await watched.ended;
    const failure = await watched.failure;
    if (failure) throw new UsageError(`stopped reading ${source.file}: ${failure.message}`);
  };
}
