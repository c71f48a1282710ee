import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { notValidatedLine } from '../../batch/format-batch-report.ts';
import { acceptanceRates, type AcceptanceReport } from '../../blueprints/acceptance-rates.ts';
import type { Blueprint, BlueprintStatus } from '../../blueprints/blueprint.ts';
import { assertUniqueIds, blueprintFileName, readBlueprintEntries, readBlueprintFile } from '../../blueprints/blueprint-files.ts';
import { BlueprintStore } from '../../blueprints/blueprint-store.ts';
import { isWorseStatus } from '../../blueprints/status-rank.ts';
import { validateBlueprint, type ValidationOutcome } from '../../blueprints/validate-blueprint.ts';
import { stageNames, type ValidationRound } from '../../blueprints/validation-result.ts';
import { ValidationUnfinishedError } from '../../blueprints/validation-unfinished-error.ts';
import { InterplayError, type BaseState, type Domain } from '../../domain-kit/index.ts';
import type { ChatModel } from '../../models/index.ts';
import { UsageError, type CliIo } from '../cli-io.ts';
import { committeeSettings, type CommitteeFlags } from '../committee-options.ts';
import { UnfinishedWorkError } from '../exit-codes.ts';
import { loadDomain } from '../domain-option.ts';
import { createRoleModel, resolveModelRoles, type ModelRoles } from '../model-roles.ts';
import { endpointRejectionStop } from '../validation-stop.ts';

interface ValidateOptions extends CommitteeFlags {
  offline?: boolean;
  write?: boolean;
  force?: boolean;
  store: string;
  data?: string;
  [flag: string]: unknown;
}

/** Some blueprints did not pass: the command's verdict, exit code 1. */
export class ValidationFailedError extends InterplayError {
  override readonly name = 'ValidationFailedError';
}

const OFFLINE_NOTE = 'the committee was skipped (--offline): "accepted" means stages 1–3 passed (status "validated"), no model reviewed these blueprints';

/** One blueprint's result: a validation outcome, or why its validation did not finish. */
type BlueprintResult = { input: Blueprint; outcome: ValidationOutcome } | { input: Blueprint; unfinished: string };

/** What `interplay validate` does (its command line is in validate-command.ts). */
export function validateAction(io: CliIo) {
  return async (paths: string[], options: ValidateOptions) => {
    const entries = readBlueprintEntries(paths.map((path) => resolve(io.cwd, path)));
    if (entries.length === 0) throw new UsageError(`no blueprint files in ${paths.join(', ')}`);
    assertUniqueIds(entries, paths.join(', '));
    const blueprints = entries.map((entry) => entry.blueprint);
    const domainNames = [...new Set(blueprints.map((blueprint) => blueprint.domain))];
    if (options.data && domainNames.length > 1) throw new UsageError(`--data applies to one domain, but the blueprints span ${domainNames.join(', ')}`);
    if (options.force && !options.write) throw new UsageError('--force only applies with --write');
    const models = options.offline ? { roles: { roles: {}, reviewers: [] }, reviewers: [] } : configuredModels(options, io);
    const committee = committeeSettings(options, { reviewers: models.reviewers.length, offline: Boolean(options.offline) });
    const domains = new Map(domainNames.map((name) => [name, loadDomain(name, options.data, io.cwd)] as const));
    // The store is opened first: a store whose index cannot be read fails before any model is paid.
    const store = options.write ? await BlueprintStore.open(resolve(io.cwd, options.store), { now: io.now }) : undefined;
    try {
      const results: BlueprintResult[] = [];
      for (const blueprint of blueprints) {
        const { domain, base } = domains.get(blueprint.domain) as { domain: Domain; base: BaseState };
        try {
          const outcome = await validateBlueprint({
            domain,
            base,
            blueprint,
            reviewers: models.reviewers,
            ...committee,
            ...(models.feedback && models.generator ? { feedbackModel: models.feedback, generatorModel: models.generator } : {}),
          });
          results.push({ input: blueprint, outcome });
          io.out(describeOutcome(blueprint, outcome, Boolean(options.offline)));
        } catch (error) {
          if (!(error instanceof ValidationUnfinishedError)) throw error;
          // A refused key or model fails every blueprint alike: stop at once, nothing written.
          if (error.endpointRejected) throw endpointRejectionStop(error, models.roles);
          results.push({ input: blueprint, unfinished: error.message });
          io.out(`${blueprint.id} (${blueprint.domain}): not validated: ${error.message}\n`);
        }
      }
      if (store) await saveResults(store, results, Boolean(options.force), io);

      const outcomes = results.flatMap((result) => ('outcome' in result ? [result.outcome] : []));
      const unfinished = results.flatMap((result) => ('unfinished' in result ? [{ problems: [result.unfinished] }] : []));
      if (outcomes.length > 0) io.out(describeReport(acceptanceRates(outcomes), outcomes, Boolean(options.offline)));
      const notValidated = notValidatedLine(unfinished);
      if (notValidated) {
        io.out(`${notValidated}\n`);
        throw new UnfinishedWorkError(`${notValidated}; run validate again on them`);
      }
      const failing = outcomes.filter((outcome) => !outcome.accepted).length;
      if (failing > 0) throw new ValidationFailedError(`${failing} of ${outcomes.length} blueprint${outcomes.length === 1 ? '' : 's'} did not pass validation`);
    } finally {
      store?.close();
    }
  };
}

/**
 * `--write`: every finished verdict is saved in one all-or-nothing write. An undecided or unfinished
 * blueprint is not written (there is no new verdict), and a stored blueprint is not replaced by a worse
 * status unless `force`. Prints what was written and what was kept.
 */
async function saveResults(store: BlueprintStore, results: readonly BlueprintResult[], force: boolean, io: CliIo): Promise<void> {
  const toWrite: Blueprint[] = [];
  const notes: string[] = [];
  for (const result of results) {
    if (!('outcome' in result)) {
      notes.push(`not written: ${result.input.id} (validation did not finish)`);
      continue;
    }
    const { outcome } = result;
    if (outcome.status === 'undecided') {
      notes.push(`not written: ${result.input.id} (undecided: the committee had no quorum)`);
      continue;
    }
    const stored = storedStatus(join(store.folder, outcome.blueprint.domain, blueprintFileName(outcome.blueprint)));
    if (!force && stored !== undefined && (stored === 'unreadable' || isWorseStatus(outcome.status, stored))) {
      const file = relative(io.cwd, join(store.folder, outcome.blueprint.domain, blueprintFileName(outcome.blueprint)));
      notes.push(`kept ${file}: ${stored === 'unreadable' ? 'it is not a readable blueprint' : `it is ${stored}, the new result is ${outcome.status}`} (--force replaces it)`);
      continue;
    }
    toWrite.push(outcome.blueprint);
  }
  // All or nothing: when one file cannot be written, none is, and the error names it.
  const files = await store.saveAll(toWrite);
  for (const file of files) io.out(`wrote ${relative(io.cwd, file)}\n`);
  for (const note of notes) io.out(`${note}\n`);
}

/** The status of the blueprint stored at `file`: undefined when there is none, `unreadable` when it is not a blueprint. */
function storedStatus(file: string): BlueprintStatus | 'unreadable' | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return readBlueprintFile(file).status;
  } catch {
    return 'unreadable';
  }
}

function configuredModels(options: ValidateOptions, io: CliIo): { roles: ModelRoles; reviewers: ChatModel[]; feedback?: ChatModel; generator?: ChatModel } {
  const roles = resolveModelRoles(options, io);
  const { reviewers } = roles;
  if (reviewers.length === 0) {
    throw new UsageError(
      'no committee reviewers are configured: pass --reviewer-model <model...> (or list "reviewers" under "models" in a --config file), or pass --offline to run the format, execution and policy stages only',
    );
  }
  if (Boolean(roles.roles.feedback) !== Boolean(roles.roles.generator)) {
    throw new UsageError('the feedback-and-revise loop needs both --feedback-model and --generator-model (or neither, to validate without revising)');
  }
  return {
    roles,
    reviewers: reviewers.map((config) => createRoleModel(config, io)),
    ...(roles.roles.feedback && roles.roles.generator ? { feedback: createRoleModel(roles.roles.feedback, io), generator: createRoleModel(roles.roles.generator, io) } : {}),
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
    if (check.details?.decision === 'no-quorum') return [`  ? ${stage}: undecided`, ...check.problems.map((problem) => `      ${problem}`)].join('\n');
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

function describeReport(report: AcceptanceReport, outcomes: readonly ValidationOutcome[], offline: boolean): string {
  const undecided = outcomes.filter((outcome) => outcome.status === 'undecided').length;
  const rejected = report.total - report.accepted - undecided;
  const lines = [`${plural(report.total, 'blueprint')}: ${report.accepted} accepted (${percent(report.rate)}), ${rejected} rejected${undecided > 0 ? `, ${undecided} undecided (no quorum)` : ''}`];
  if (report.byRound.length > 1) {
    lines.push(`  accepted by round: ${report.byRound.map((round) => `round ${round.round} ${percent(round.rate)}`).join(', ')} (without the feedback loop ${percent(report.withoutFeedback)}, with it ${percent(report.withFeedback)})`);
  }
  lines.push(
    `  stages passed: ${report.byStage.map((stage) => (stage.reached === 0 ? `${stage.stage} ${stage.skipped > 0 ? 'skipped' : 'not reached'}` : `${stage.stage} ${stage.passed}/${stage.reached}`)).join(', ')}`,
  );
  if (offline) lines.push(OFFLINE_NOTE);
  return `${lines.join('\n')}\n`;
}
