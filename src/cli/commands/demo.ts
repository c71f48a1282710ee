import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getDomain } from '../../../domains/index.ts';
import { offlineRoles, type OfflineAgentKind } from '../../batch/offline-roles.ts';
import { planJobs } from '../../batch/rollout-job.ts';
import { runJobs } from '../../batch/run-jobs.ts';
import { readBlueprints } from '../../blueprints/blueprint-files.ts';
import { formatSummary, summarizeFailedJobs, summarizeTrajectories } from '../../rollout/run-summary.ts';
import type { FailedJobRecord } from '../../store/index.ts';
import { formatTrajectory } from '../../rollout/transcript-text.ts';
import { shippedBlueprintFolder } from '../blueprint-option.ts';
import type { CliIo } from '../cli-io.ts';
import { failedJobsError } from '../failed-jobs-exit.ts';
import { startRun, timeStamp } from '../run-setup.ts';
import { DEMO_BLUEPRINTS_PER_DOMAIN } from './demo-command.ts';

const DEMO_TRIALS = 3;

/** What `interplay demo` does (its command line is in demo-command.ts). */
export function demoAction(io: CliIo) {
  return async (options: { out?: string; perDomain: string }) => {
    const root = resolve(io.cwd, options.out ?? `traces/demo-${timeStamp(io.now())}`);
    const failed: FailedJobRecord[] = [];
    io.out('interplay offline demo — OFFLINE POLICIES, no model: a scripted human talks to an oracle agent (follows the blueprint)\n');
    io.out('and to a fallible agent (makes seeded mistakes). Each trajectory is kept only if the final state, the outputs and the ending are right.\n');
    for (const name of ['retail', 'airline']) {
      if (!existsSync(shippedBlueprintFolder(name))) continue;
      const domain = getDomain(name);
      const base = domain.createBase();
      const blueprints = readBlueprints([shippedBlueprintFolder(name)]).slice(0, Math.max(1, Number(options.perDomain) || DEMO_BLUEPRINTS_PER_DOMAIN));
      if (blueprints.length === 0) continue;
      for (const agentKind of ['oracle', 'fallible'] as OfflineAgentKind[]) {
        const run = await startRun({
          io,
          out: join(root, `${name}-${agentKind}`),
          label: 'demo',
          domain,
          base,
          dataFolder: null,
          blueprints,
          seed: 1,
          config: { command: 'demo', trials: DEMO_TRIALS, agent: agentKind },
          models: { human: 'offline:scripted-human', agent: `offline:${agentKind}-agent` },
        });
        try {
          const { trajectories, failedJobs } = await runJobs({
            domain,
            base,
            jobs: planJobs(blueprints, DEMO_TRIALS, 1),
            roles: (job) => offlineRoles(domain, job, agentKind),
            concurrency: 4,
            clock: io.now,
            onTrajectory: (trajectory) => run.record(trajectory),
            onFailedJob: (record) => run.recordFailedJob(record),
          });
          failed.push(...failedJobs);
          io.out(`\n== ${name}, ${agentKind} agent: ${blueprints.length} blueprints x ${DEMO_TRIALS} trials -> ${run.paths.folder}\n`);
          const example = agentKind === 'oracle' ? trajectories[0] : trajectories.find((trajectory) => !trajectory.verdict.kept);
          if (example) io.out(`\n${formatTrajectory(example)}\n\n`);
          io.out(`${formatSummary(summarizeTrajectories(trajectories, failedJobs))}\n`);
        } finally {
          await run.close();
        }
      }
    }
    // The offline policies call no model, so only a cancel can fail a job here; it still exits 3.
    const failure = failedJobsError({ stopped: undefined, failedJobs: summarizeFailedJobs(failed), roles: {}, next: 'run the demo again' });
    if (failure) throw failure;
    const fallible = join(root, 'retail-fallible');
    io.out(
      [
        '',
        'Next:',
        `  an HTML report:           npx interplay report ${fallible} --out demo-report.html`,
        `  whose failure each is:    npx interplay regrade ${fallible} --why`,
        `  browse the conversations: npx interplay watch ${fallible}`,
        `  training data:            npx interplay export --format sharegpt ${fallible} --out kept-sharegpt.json`,
        '',
      ].join('\n'),
    );
  };
}
