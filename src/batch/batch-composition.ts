import type { Blueprint } from '../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../domain-kit/index.ts';
import { createOpenAIChatModel, parseModelConfig, type ChatModel, type ChatTransport, type ModelConfig } from '../models/index.ts';
import { dateClock, type BatchClock } from './batch-clock.ts';
import type { GenerateSettings } from './generate-settings.ts';
import type { JobExecutor } from './job-runner.ts';
import { modelBackedRoles } from './model-backed-roles.ts';
import { ModelStack, type EndpointPacers, type RoleModel } from './model-stack.ts';
import { offlineRoles } from './offline-roles.ts';
import type { ResponseCache } from './response-cache.ts';
import { createRolloutExecutor, type RolloutExecutorOptions } from './rollout-job-executor.ts';
import type { UsageLedger } from './usage-ledger.ts';
import type { ValidationModels } from './validate-blueprints.ts';

/** The single roles a run may configure a model for (reviewers are a list of their own). */
export const batchSingleRoles = ['agent', 'human', 'judge', 'generator', 'feedback'] as const;
export type BatchSingleRole = (typeof batchSingleRoles)[number];

/** The model of each role of a run (absent roles are not used). */
export interface BatchModelConfigs {
  roles: Partial<Record<BatchSingleRole, ModelConfig>>;
  reviewers: ModelConfig[];
}

/** A model configuration names a key variable that the process running it does not have. */
export class MissingApiKeyError extends Error {
  override readonly name = 'MissingApiKeyError';
  constructor(
    readonly variable: string,
    readonly model: string,
  ) {
    super(`the environment variable ${variable} (the API key for ${model}) is not set`);
  }
}

/** The (redacted) model configurations a run stored in its generate settings. */
export function runModelConfigs(settings: GenerateSettings): BatchModelConfigs {
  const roles: BatchModelConfigs['roles'] = {};
  for (const role of batchSingleRoles) {
    const raw = settings.roles[role];
    if (raw !== undefined) roles[role] = parseModelConfig(raw, `the run's ${role} model`);
  }
  return { roles, reviewers: settings.reviewers.map((raw, index) => parseModelConfig(raw, `the run's reviewer ${index + 1}`)) };
}

/** The key variables a run's models name that `apiKeyOf` cannot find, as one error per variable (first only). */
export function missingApiKey(models: BatchModelConfigs, apiKeyOf: (variable: string) => string | undefined): MissingApiKeyError | undefined {
  for (const config of [...Object.values(models.roles), ...models.reviewers]) {
    if (config.apiKeyEnv && !apiKeyOf(config.apiKeyEnv)) return new MissingApiKeyError(config.apiKeyEnv, config.model);
  }
  return undefined;
}

export interface BatchCompositionOptions {
  domain: Domain;
  base: BaseState;
  /** The run's settings: trials, limits, outputs rule, protocol notes, offline policies, committee. */
  settings: GenerateSettings;
  /** The models of the run's roles (endpoints from the run, or from the process's own configuration). */
  models: BatchModelConfigs;
  /** The per-endpoint pacing (in-process windows, or windows in Redis shared by every worker). */
  limiters: EndpointPacers;
  clock: BatchClock;
  ledger: UsageLedger;
  /** Absent with `--no-cache`, and on queue workers (the cache lives in the run folder). */
  cache?: ResponseCache;
  /**
   * The API key stored under a variable name: the engine never reads the environment, the process that
   * runs it (the CLI, a worker) hands this in. Keys go from here to the SDK only.
   */
  apiKeyOf: (variable: string) => string | undefined;
  /** The HTTP transport of every model: keep-alive node:http, one connection pool per endpoint (the SDK's own fetch without it). */
  transport?: ChatTransport;
}

/** Everything a batch runs with, built once: the CLI's coordinator and a queue worker share it. */
export interface BatchComposition {
  stack: ModelStack;
  /** The roles of one rollout job: offline policies, or models scoped to the job. */
  jobRoles: RolloutExecutorOptions['roles'];
  /** Phase 1's models for one blueprint (absent offline: the committee is offline then). */
  validationModels: ((blueprint: Blueprint) => ValidationModels) | undefined;
  /** Runs one job: a graded rollout, or a FailedJobError. */
  execute: JobExecutor;
}

/**
 * Builds a batch from its inputs: the model stack (cache → metering → rate limit → SDK), the roles of
 * each job, phase 1's models and the rollout executor, under the run's settings.
 */
export function composeBatch(options: BatchCompositionOptions): BatchComposition {
  const { domain, base, settings, models, clock } = options;
  const stack = new ModelStack({
    ledger: options.ledger,
    limiters: options.limiters,
    clock,
    ...(options.cache ? { cache: options.cache } : {}),
    createModel: (config) => batchModel(config, options.apiKeyOf, options.transport),
  });
  const roleModel = (role: BatchSingleRole) => {
    const config = models.roles[role];
    return config ? stack.role(role, config) : undefined;
  };
  const jobRoles: RolloutExecutorOptions['roles'] = settings.offline
    ? (job) => offlineRoles(domain, job, settings.fallible ? 'fallible' : 'oracle')
    : modelBackedRoles(stack, {
        agent: roleModel('agent') as RoleModel,
        human: roleModel('human') as RoleModel,
        ...(models.roles.judge ? { judge: roleModel('judge') as RoleModel } : {}),
        ...(settings.bestOf ? { bestOf: settings.bestOf } : {}),
      });
  const reviewers = models.reviewers.map((reviewer) => stack.role('reviewers', reviewer));
  const feedback = roleModel('feedback');
  const generator = roleModel('generator');
  const validationModels = settings.offline
    ? undefined
    : (blueprint: Blueprint): ValidationModels => ({
        reviewers: reviewers.map((reviewer, index) => stack.scoped(reviewer, `validation/${blueprint.id}/reviewer-${index}`)),
        ...(feedback ? { feedbackModel: stack.scoped(feedback, `validation/${blueprint.id}/feedback`) } : {}),
        ...(generator ? { generatorModel: stack.scoped(generator, `validation/${blueprint.id}/generator`) } : {}),
      });
  const execute = createRolloutExecutor({
    domain,
    base,
    roles: jobRoles,
    clock: dateClock(clock),
    limits: settings.limits,
    ...(settings.outputsMatch ? { grading: { outputsMatch: settings.outputsMatch } } : {}),
    ...(settings.protocolNotes ? { protocolNotes: settings.protocolNotes } : {}),
  });
  return { stack, jobRoles, validationModels, execute };
}

/**
 * The model of a configuration: chat completions posted over the direct keep-alive transport (less CPU per
 * call than the SDK's fetch path: see bench/model-call-cpu.ts), its key looked up by the variable it names.
 */
function batchModel(config: ModelConfig, apiKeyOf: (variable: string) => string | undefined, transport: ChatTransport | undefined): ChatModel {
  const options = transport ? { transport } : {};
  if (!config.apiKeyEnv) return createOpenAIChatModel(config, options);
  const apiKey = apiKeyOf(config.apiKeyEnv);
  if (!apiKey) throw new MissingApiKeyError(config.apiKeyEnv, config.model);
  return createOpenAIChatModel(config, { apiKey, ...options });
}
