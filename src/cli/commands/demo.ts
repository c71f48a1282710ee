import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { getDomain } from '../../../domains/index.ts';
import { readBlueprints } from '../../blueprints/blueprint-files.ts';
import { DomainState, diffStates, renderDiff, replayActions } from '../../domain-kit/index.ts';
import type { CliIo } from '../cli-io.ts';

const shippedBlueprints = fileURLToPath(new URL('../../../blueprints/', import.meta.url));

export function registerDemoCommand(program: Command, io: CliIo) {
  program
    .command('demo')
    .description('Offline demo (no model, no key): replay the shipped example blueprints and show what each changes.')
    .addHelpText('after', '\nExample:\n  $ npm start')
    .action(() => {
      for (const name of ['retail', 'airline']) {
        const folder = `${shippedBlueprints}${name}`;
        if (!existsSync(folder)) continue;
        const domain = getDomain(name);
        const base = domain.createBase();
        const blueprints = readBlueprints([folder]);
        io.out(`\n== ${name}: ${blueprints.length} shipped blueprints on the default database (state ${base.hash().slice(0, 12)}) ==\n`);
        for (const blueprint of blueprints) {
          const start = new DomainState(base);
          const state = start.fork();
          const results = replayActions(domain, state, blueprint.actions);
          const failed = results.filter((result) => !result.ok).length;
          io.out(`\n${blueprint.id}  (${blueprint.actions.length} actions, ${failed} errors)  final state ${state.hash().slice(0, 12)}\n`);
          io.out(`  ${blueprint.instruction.slice(0, 160)}${blueprint.instruction.length > 160 ? '…' : ''}\n`);
          io.out(`${renderDiff(diffStates(start, state)).replace(/^/gm, '    ')}\n`);
        }
      }
    });
}
