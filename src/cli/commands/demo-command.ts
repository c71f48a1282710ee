import type { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { lazyAction } from '../lazy-action.ts';

/** How many shipped blueprints per domain the demo rolls out unless --per-domain says otherwise. */
export const DEMO_BLUEPRINTS_PER_DOMAIN = 4;

/** `interplay demo`: its options and help; what it does (demo.ts) loads when it runs. */
export function registerDemoCommand(program: Command, io: CliIo) {
  program
    .command('demo')
    .description('The offline demo (no model, no key): shipped blueprints, k=3 rollouts each with the oracle and the fallible agent, graded, saved, summarised.')
    .option('--out <dir>', 'where to put the run folders (default: traces/demo-<time>)')
    .option('--per-domain <n>', 'how many shipped blueprints per domain', String(DEMO_BLUEPRINTS_PER_DOMAIN))
    .addHelpText('after', '\nExample:\n  $ npm start    (same as: npx interplay demo)')
    .action(lazyAction(async () => (await import('./demo.ts')).demoAction(io)));
}
