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
import { resolveBlueprints } from '../blueprint-option.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { addConversationOptions, bestOfCount, conversationLimits, type ConversationFlags } from '../conversation-options.ts';
import { loadDomain } from '../domain-option.ts';
import { integer, wholeNumber } from '../number-option.ts';
import { addModelOptions, createRoleModel, resolveModelRoles } from '../model-options.ts';
import { addOutputsMatchOption, outputsMatchRule } from '../outputs-match-option.ts';
import { startRun } from '../run-setup.ts';

interface RolloutOptions extends ConversationFlags {
  domain: string;
  blueprint: string[];
  data?: string;
  trials: string;
  out?: string;
  json?: boolean;
  unvalidated?: boolean;
  outputsMatch?: string;
  [flag: string]: unknown;
}

export function registerRolloutCommand(program: Command, io: CliIo) {
  const command = program
    .command('rollout')
    .description('Run a simulated human against an agent on blueprints; keep a trajectory only if it provably did the right thing.')
    .requiredOption('--domain <name>', 'retail or airline')
    .requiredOption('--blueprint <file|id...>', 'blueprint files, folders or ids')
    .option('--data <dir>', 'a data folder (default: the shipped database)')
    .option('--trials <k>', 'rollouts per blueprint', '1')
    .option('--out <dir>', 'run folder (default: traces/rollout-<domain>-<time>)')
    .option('--json', 'print each trajectory as JSON instead of a transcript')
    .option('--unvalidated', 'roll out blueprints that fail validation stages 1-3 anyway (their verdicts are marked unvalidated), and those that need a judge without one (graded unverifiable)');
  addOutputsMatchOption(command);
  addConversationOptions(command);
  addModelOptions(command, ['agent', 'human', 'judge']);
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ interplay rollout --domain retail --blueprint retail-cancel-pending-order --offline --trials 3',
      '  $ OPENAI_API_KEY=... interplay rollout --domain retail --blueprint blueprints/retail --agent-model gpt-4o-mini --human-model gpt-4o-mini',
      '  $ interplay rollout --domain airline --blueprint b.json --agent-model qwen2.5 --agent-base-url http://127.0.0.1:8000/v1 --human-model qwen2.5 --human-base-url http://127.0.0.1:8000/v1',
    ].join('\n'),
  );
  command.action(async (options: RolloutOptions) => {
    const { domain, base } = loadDomain(options.domain, options.data, io.cwd);
    const blueprints = resolveBlueprints(options.blueprint, io.cwd, domain.name);
    // Validation stages 1-3 first: a blueprint that fails them is refused before anything is rolled out.
    const gates = blueprints.map((blueprint) => gateBlueprint(domain, base, blueprint));
    const refusal = refusedBlueprints(gates, Boolean(options.unvalidated));
    if (refusal) throw new UsageError(refusal);
    const grading = { outputsMatch: outputsMatchRule(options.outputsMatch) ?? 'token', unvalidatedBlueprints: new Set(gates.filter((gate) => !gate.passed).map((gate) => gate.blueprintId)) };
    const trials = wholeNumber('--trials', options.trials, 1, 1000);
    const seed = integer('--seed', options.seed);
    const limits = conversationLimits(options);
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
      config: { command: 'rollout', trials, limits, outputsMatch: grading.outputsMatch, unvalidated: [...grading.unvalidatedBlueprints], offline: Boolean(options.offline), fallible: Boolean(options.fallible), roles: Object.fromEntries(Object.entries(roles).map(([role, config]) => [role, redactConfig(config)])) },
      models,
    });
    try {
      const trajectories = await runJobs({
        domain,
        base,
        jobs: planJobs(blueprints, trials, seed),
        roles: roleFactory,
        concurrency: 1,
        clock: io.now,
        limits,
        grading,
        onTrajectory: async (trajectory) => {
          await run.record(trajectory);
          io.out(options.json ? `${JSON.stringify(trajectory)}\n` : `${formatTrajectory(trajectory)}\n\n`);
        },
      });
      if (!options.json) io.out(`${formatSummary(summarizeTrajectories(trajectories))}\nrun folder: ${run.paths.folder}\n`);
    } finally {
      await run.close();
    }
  });
}
