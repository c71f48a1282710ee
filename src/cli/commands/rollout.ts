import type { Command } from 'commander';
import { offlineRoles } from '../../batch/offline-roles.ts';
import { planJobs } from '../../batch/rollout-job.ts';
import { runJobs } from '../../batch/run-jobs.ts';
import { redactConfig } from '../../models/index.ts';
import { createConversationJudge } from '../../rollout/conversation-judge.ts';
import { gateBlueprint, judgeRequiredRefusal, refusedBlueprints } from '../../rollout/grading/blueprint-gate.ts';
import { createModelHuman } from '../../rollout/model-human.ts';
import { formatSummary, summarizeTrajectories } from '../../rollout/run-summary.ts';
import { formatTrajectory } from '../../rollout/transcript-text.ts';
import { requireBlueprintReferences, resolveBlueprints, type BlueprintFlags } from '../blueprint-option.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { bestOfCount } from '../best-of-count.ts';
import { conversationLimits, failedJobsBudget, protocolNoteRole, type ConversationFlags } from '../conversation-options.ts';
import { failedJobsError } from '../failed-jobs-exit.ts';
import { loadDomain } from '../domain-option.ts';
import { integer, wholeNumber } from '../number-option.ts';
import { createRoleModel, resolveModelRoles } from '../model-roles.ts';
import { outputsMatchRule } from '../outputs-match-option.ts';
import { startRun } from '../run-setup.ts';

interface RolloutOptions extends ConversationFlags, BlueprintFlags {
  domain: string;
  data?: string;
  trials: string;
  out?: string;
  json?: boolean;
  unvalidated?: boolean;
  outputsMatch?: string;
  maxFailedJobs: string;
  [flag: string]: unknown;
}

/** What `interplay rollout` does (its command line is in rollout-command.ts). */
export function rolloutAction(command: Command, io: CliIo) {
  return async (options: RolloutOptions) => {
    const references = requireBlueprintReferences(command, options);
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const blueprints = resolveBlueprints(references, io.cwd, domain.name);
    // Validation stages 1-3 first: a blueprint that fails them is refused before anything is rolled out.
    const gates = blueprints.map((blueprint) => gateBlueprint(domain, base, blueprint));
    const refusal = refusedBlueprints(gates, Boolean(options.unvalidated));
    if (refusal) throw new UsageError(refusal);
    const grading = { outputsMatch: outputsMatchRule(options.outputsMatch) ?? 'token', unvalidatedBlueprints: new Set(gates.filter((gate) => !gate.passed).map((gate) => gate.blueprintId)) };
    const trials = wholeNumber('--trials', options.trials, 1, 1000);
    const seed = integer('--seed', options.seed);
    const limits = conversationLimits(options);
    const protocolNotes = protocolNoteRole(options);
    const maxFailedJobs = failedJobsBudget(options);
    const { roles } = resolveModelRoles(options, io);
    const judgeRefusal = judgeRequiredRefusal(gates, { judge: !options.offline && roles.judge !== undefined, offline: Boolean(options.offline), unvalidated: Boolean(options.unvalidated) });
    if (judgeRefusal) throw new UsageError(judgeRefusal);
    let roleFactory: Parameters<typeof runJobs>[0]['roles'];
    let models: { human: string; agent: string };
    if (options.offline) {
      const kind = options.fallible ? 'fallible' : 'oracle';
      roleFactory = (job) => offlineRoles(domain, job, kind);
      models = { human: 'offline:scripted-human', agent: `offline:${kind}-agent` };
    } else {
      if (!roles.agent || !roles.human) throw new UsageError('configure the agent and human models (--agent-model and --human-model, or --config), or pass --offline');
      const agent = createRoleModel(roles.agent, io);
      const humanModel = createRoleModel(roles.human, io);
      const bestOf = bestOfCount(options);
      if (bestOf && !roles.judge) throw new UsageError('--best-of needs a judge model (--judge-model)');
      const judge = roles.judge ? createRoleModel(roles.judge, io) : undefined;
      roleFactory = (job) => ({
        agent,
        ...(judge ? { judge: createConversationJudge(judge, job.blueprint.instruction) } : {}),
        human: createModelHuman(humanModel, { instruction: job.blueprint.instruction, ...(job.blueprint.persona ? { persona: job.blueprint.persona } : {}), ...(bestOf && judge ? { bestOf: { n: bestOf, judge } } : {}) }),
      });
      models = { human: humanModel.id, agent: agent.id };
    }
    const run = await startRun({
      io,
      out: options.out,
      label: 'rollout',
      domain,
      base,
      dataFolder: options.data ?? null,
      blueprints,
      seed,
      config: { command: 'rollout', trials, limits, protocolNotes, outputsMatch: grading.outputsMatch, unvalidated: [...grading.unvalidatedBlueprints], offline: Boolean(options.offline), fallible: Boolean(options.fallible), roles: Object.fromEntries(Object.entries(roles).map(([role, config]) => [role, redactConfig(config)])) },
      models,
    });
    try {
      const { trajectories, failedJobs, stopped } = await runJobs({
        domain,
        base,
        jobs: planJobs(blueprints, trials, seed),
        roles: roleFactory,
        concurrency: 1,
        clock: io.now,
        limits,
        grading,
        protocolNotes,
        maxFailedJobs,
        onTrajectory: async (trajectory) => {
          await run.record(trajectory);
          io.out(options.json ? `${JSON.stringify(trajectory)}\n` : `${formatTrajectory(trajectory)}\n\n`);
        },
        // A failed job is about the world, not the agent: recorded apart, never graded, never printed as a verdict.
        onFailedJob: (record) => run.recordFailedJob(record),
      });
      const summary = summarizeTrajectories(trajectories, failedJobs);
      if (!options.json) io.out(`${formatSummary(summary)}\nrun folder: ${run.paths.folder}\n`);
      const failure = failedJobsError({ stopped, failedJobs: summary.failedJobs, roles, next: `they are listed in ${run.paths.failedJobs}; run them again with a new \`interplay rollout\`` });
      if (failure) throw failure;
    } finally {
      await run.close();
    }
  };
}
