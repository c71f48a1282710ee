import type { Command } from 'commander';
import { EVENT_LOG_FILE } from '../../batch/event-log.ts';
import { TRAJECTORY_LOG_FILE } from '../../store/trajectory-log.ts';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';
import type { WatchTerminal } from './watch.ts';

/** `interplay watch`: its arguments, options and help; what it does (watch.ts, the ink live view) loads when it runs. */
export function registerWatchCommand(program: Command, io: CliIo, terminal?: WatchTerminal) {
  program
    .command('watch')
    .description(`Watch a run folder live while another process writes it, or browse a finished one (read-only: follows ${EVENT_LOG_FILE}, else ${TRAJECTORY_LOG_FILE}). Without a terminal, prints a summary.`)
    .argument('<run>', 'the run folder')
    .option('--keep <n>', 'finished rollouts whose conversations stay browsable', '200')
    .addHelpText('after', '\nKeys: ↑↓ select · enter/→ open (follows a running rollout; a rejected one shows whose failure it is) · esc/← back · q quit (the run goes on)\n\nExample:\n  $ npx interplay watch traces/rollout-retail-20260102-030405')
    .action(lazyAction(async () => (await import('./watch.ts')).watchAction(io, terminal)));
}
