import { relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { acceptanceRates, type AcceptanceReport } from '../../blueprints/acceptance-rates.ts';
import type { Blueprint } from '../../blueprints/blueprint.ts';
import { readBlueprints } from '../../blueprints/blueprint-files.ts';
import { BlueprintStore } from '../../blueprints/blueprint-store.ts';
import { DEFAULT_COMMITTEE_THRESHOLD } from '../../blueprints/committee/committee-vote.ts';
import { validateBlueprint, type ValidationOutcome } from '../../blueprints/validate-blueprint.ts';
import { stageNames, type ValidationRound } from '../../blueprints/validation-result.ts';
import { InterplayError, type BaseState, type Domain } from '../../domain-kit/index.ts';
import type { ChatModel } from '../../models/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { loadDomain } from '../domain-option.ts';
import { addModelOptions, createRoleModel, resolveModelRoles } from '../model-options.ts';

interface ValidateOptions {
  offline?: boolean;
  threshold: number;
  maxRounds?: number;
  write?: boolean;
  store: string;
  data?: string;
  [flag: string]: unknown;
}

/** Some blueprints did not pass: the command's verdict, exit code 1. */
export class ValidationFailedError extends InterplayError {
  override readonly name = 'ValidationFailedError';
}

const OFFLINE_NOTE = 'the committee was skipped (--offline): "accepted" means stages 1–3 passed (status "validated"), no model reviewed these blueprints';

function wholeNumber(minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  return (text: string) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < minimum || value > maximum) throw new InvalidArgumentError(`expected a whole number from ${minimum}${maximum === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${maximum}`}`);
    return value;
  };
}

export function registerValidateCommand(program: Command, io: CliIo) {
  const command = program
    .command('validate')
    .description('Validate blueprints: format, execution and policy checks, then the review committee; failures are revised from feedback when a feedback and a generator model are configured.')
    .argument('<paths...>', 'blueprint files or folders')
    .option('--offline', 'run the format, execution and policy stages only: no committee, no revision, no model call')
    .option('--threshold <n>', 'how many of the 4 criteria the committee vote must pass', wholeNumber(1, 4), DEFAULT_COMMITTEE_THRESHOLD)
    .option('--max-rounds <n>', 'revisions a failed blueprint may get (default: retail 3, airline 5)', wholeNumber(0))
    .option('--write', 'save the blueprints with their status, checks, reviews and history to the store')
    .option('--store <dir>', 'the blueprint store for --write (<dir>/<domain>/<id>.json and <dir>/index.json)', 'blueprints')
    .option('--data <dir>', "a data folder for the blueprints' domain (default: the shipped database)");
  addModelOptions(command, ['reviewers', 'feedback', 'generator']);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ interplay validate blueprints/retail --offline\n  $ interplay validate blueprints/retail --reviewer-model gpt-4o-mini gpt-4o-mini gpt-4o-mini --feedback-model gpt-4o-mini --generator-model gpt-4o --write',
  );
  command.action(async (paths: string[], options: ValidateOptions) => {
    const blueprints = readBlueprints(paths.map((path) => resolve(io.cwd, path)));
    if (blueprints.length === 0) throw new UsageError(`no blueprint files in ${paths.join(', ')}`);
    const domainNames = [...new Set(blueprints.map((blueprint) => blueprint.domain))];
    if (options.data && domainNames.length > 1) throw new UsageError(`--data applies to one domain, but the blueprints span ${domainNames.join(', ')}`);
    const models = options.offline ? { reviewers: [] } : configuredModels(options, io);
    const domains = new Map(domainNames.map((name) => [name, loadDomain(name, options.data, io.cwd)] as const));

    const outcomes: ValidationOutcome[] = [];
    for (const blueprint of blueprints) {
      const { domain, base } = domains.get(blueprint.domain) as { domain: Domain; base: BaseState };
      const outcome = await validateBlueprint({
        domain,
        base,
        blueprint,
        reviewers: models.reviewers,
        threshold: options.threshold,
        ...(models.feedback && models.generator ? { feedbackModel: models.feedback, generatorModel: models.generator } : {}),
        ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
      });
      outcomes.push(outcome);
      io.out(describeOutcome(blueprint, outcome, Boolean(options.offline)));
    }

    if (options.write) {
      const store = await BlueprintStore.open(resolve(io.cwd, options.store), { now: io.now });
      try {
        for (const outcome of outcomes) io.out(`wrote ${relative(io.cwd, await store.save(outcome.blueprint))}\n`);
      } finally {
        store.close();
      }
    }

    const report = acceptanceRates(outcomes);
    io.out(describeReport(report, Boolean(options.offline)));
    const rejected = report.total - report.accepted;
    if (rejected > 0) throw new ValidationFailedError(`${rejected} of ${report.total} blueprint${report.total === 1 ? '' : 's'} did not pass validation`);
  });
}

function configuredModels(options: ValidateOptions, io: CliIo): { reviewers: ChatModel[]; feedback?: ChatModel; generator?: ChatModel } {
  const { roles, reviewers } = resolveModelRoles(options, io);
  if (reviewers.length === 0) {
    throw new UsageError(
      'no committee reviewers are configured: pass --reviewer-model <model...> (or list "reviewers" under "models" in a --config file), or pass --offline to run the format, execution and policy stages only',
    );
  }
  if (Boolean(roles.feedback) !== Boolean(roles.generator)) {
    throw new UsageError('the feedback-and-revise loop needs both --feedback-model and --generator-model (or neither, to validate without revising)');
  }
  return {
    reviewers: reviewers.map((config) => createRoleModel(config, io)),
    ...(roles.feedback && roles.generator ? { feedback: createRoleModel(roles.feedback, io), generator: createRoleModel(roles.generator, io) } : {}),
  };
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function stageLines(round: ValidationRound, offline: boolean): string[] {
  return stageNames.map((stage) => {
    const check = round.checks.find((result) => result.stage === stage);
    if (!check) return `  · ${stage}: not reached`;
    if (check.skipped) return `  - ${stage}: skipped (${offline ? '--offline' : 'no reviewers'})`;
    if (check.passed && check.warnings) return [`  ✓ ${stage}`, ...check.warnings.map((warning) => `      warning: ${warning}`)].join('\n');
    if (check.passed) return `  ✓ ${stage}`;
    return [`  ✗ ${stage}`, ...check.problems.map((problem) => `      ${problem}`)].join('\n');
  });
}

function describeOutcome(input: Blueprint, outcome: ValidationOutcome, offline: boolean): string {
  const rounds = outcome.history.length;
  const lines = [`${input.id} (${input.domain}): ${outcome.status} after ${plural(rounds, 'round')}`];
  for (const round of outcome.history.slice(0, -1)) {
    const failed = round.checks.find((check) => !check.passed && !check.skipped);
    lines.push(`  round ${round.round}: ✗ ${failed?.stage ?? 'unknown'} (${plural(failed?.problems.length ?? 0, 'problem')}), revised from feedback`);
  }
  lines.push(...stageLines(outcome.history.at(-1) as ValidationRound, offline));
  return `${lines.join('\n')}\n`;
}

function describeReport(report: AcceptanceReport, offline: boolean): string {
  const lines = [`${plural(report.total, 'blueprint')}: ${report.accepted} accepted (${percent(report.rate)}), ${report.total - report.accepted} rejected`];
  if (report.byRound.length > 1) {
    lines.push(`  accepted by round: ${report.byRound.map((round) => `round ${round.round} ${percent(round.rate)}`).join(', ')} (without the feedback loop ${percent(report.withoutFeedback)}, with it ${percent(report.withFeedback)})`);
  }
  lines.push(
    `  stages passed: ${report.byStage.map((stage) => (stage.reached === 0 ? `${stage.stage} ${stage.skipped > 0 ? 'skipped' : 'not reached'}` : `${stage.stage} ${stage.passed}/${stage.reached}`)).join(', ')}`,
  );
  if (offline) lines.push(OFFLINE_NOTE);
  return `${lines.join('\n')}\n`;
}
