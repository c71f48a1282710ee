import { and, assign, fromPromise, setup, type ActorRefFrom } from 'xstate';
import { DomainState, type BaseState, type Domain, type PolicyTrace } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import type { Blueprint } from './blueprint.ts';
import { applyRevision, draftOf, validationRound, type BlueprintDraft } from './blueprint-draft.ts';
import type { ReviewSubject } from './committee/review-prompt.ts';
import { quorumDeniedByFailures } from './committee/committee-vote.ts';
import { runCommittee, type CommitteeOutcome } from './committee/run-committee.ts';
import { countUsage, type ValidationUsage } from './model-usage.ts';
import type { FeedbackSubject } from './refinement/feedback-prompt.ts';
import { requestFeedback, type FeedbackAnswer } from './refinement/request-feedback.ts';
import { requestRevision, type RevisionAnswer } from './refinement/request-revision.ts';
import type { RevisionSubject } from './refinement/revision-prompt.ts';
import { checkExecution, type ExecutionDetails } from './stages/execution-check.ts';
import { checkFormat } from './stages/format-check.ts';
import { checkBlueprintPolicy } from './stages/policy-check.ts';
import type { CommitteeReview, StageResult, ValidationRound } from './validation-result.ts';
import { unfinishedBecause, ValidationUnfinishedError, type ValidationModelRole } from './validation-unfinished-error.ts';

export interface ValidationMachineInput {
  domain: Domain;
  base: BaseState;
  blueprint: Blueprint;
  /** The committee; empty means offline: the committee stage is skipped. */
  reviewers: readonly ChatModel[];
  threshold: number;
  /** Voters the committee's vote needs (undefined: a majority of the committee). */
  minVoters: number | undefined;
  parseRetries: number;
  /** How many more times a reviewer's failed call is made before the reviewer abstains. */
  failureRetries: number;
  /** Both are needed for the feedback-and-revise loop; without them a failure ends the validation. */
  feedbackModel: ChatModel | undefined;
  generatorModel: ChatModel | undefined;
  /** How many revisions a failed blueprint may get (round 0 is the first validation). */
  maxRounds: number;
}

/**
 * How the validation ended: accepted with the committee (`approved`), without it (`validated`),
 * `rejected`, or `undecided`: the committee had no quorum (too few reviewers gave a usable review), so
 * there is no verdict, no feedback and no revision.
 */
export type ValidationStatus = 'validated' | 'approved' | 'rejected' | 'undecided';

export interface ValidationMachineOutput {
  status: ValidationStatus;
  history: ValidationRound[];
  /** The latest candidate that had the blueprint schema (the input blueprint at worst). */
  blueprint: Blueprint;
  usage: ValidationUsage;
  /** Set when a model call failed (a ValidationUnfinishedError) or on abort: the validation has no verdict. */
  error?: unknown;
}

export interface ValidationContext {
  input: ValidationMachineInput;
  round: number;
  /** The blueprint this round validates, as written (a revision is checked by stage 1 first). */
  candidate: unknown;
  draft: BlueprintDraft;
  /** The candidate once stage 1 found it has the blueprint schema. */
  parsed: Blueprint | undefined;
  latestValid: Blueprint;
  /** The generator's last reply could not be used: this round fails at stage 1 with this problem. */
  revisionProblem: string | undefined;
  trace: PolicyTrace | undefined;
  checks: StageResult[];
  reviews: CommitteeReview[] | undefined;
  committeeRan: boolean;
  /** Set when the machine reaches `accepted`. */
  accepted: boolean;
  /** Set when the committee had no quorum. */
  undecided: boolean;
  history: ValidationRound[];
  usage: ValidationUsage;
  error: unknown;
}

export type CommitteeInput = {
  subject: ReviewSubject;
  reviewers: readonly ChatModel[];
  threshold: number;
  minVoters: number | undefined;
  parseRetries: number;
  failureRetries: number;
};
export type FeedbackInput = { model: ChatModel; subject: FeedbackSubject };
export type RevisionInput = { model: ChatModel; subject: RevisionSubject };

function reviewSubject(context: ValidationContext): ReviewSubject {
  const blueprint = context.parsed as Blueprint;
  const execution = context.checks.find((check) => check.stage === 'execution')?.details as ExecutionDetails | undefined;
  const { domain } = context.input;
  return {
    domain: domain.name,
    policy: domain.policy,
    tools: domain.toolSchemas(),
    userId: blueprint.userId,
    instruction: blueprint.instruction,
    actions: blueprint.actions,
    outputs: blueprint.outputs,
    diff: execution?.diff ?? '(not available)',
    results: execution?.results ?? [],
  };
}

/** The round's record, closed with the feedback it led to (if any). */
const closedRound = (context: ValidationContext, feedback?: string) => [...context.history, validationRound(context.round, context.draft, context.checks, context.reviews, feedback)];

const failureRoute = [{ guard: 'canRevise', target: 'refine' }, { target: 'rejected' }] as const;

/** Model errors of the feedback and generator roles become "did not finish"; anything else is a bug and stays as it is. */
const modelErrorNames = new Set(['ModelUnavailableError', 'ModelRequestError', 'ModelResponseError']);
function roleFailure(error: unknown, role: ValidationModelRole, model: ChatModel | undefined): unknown {
  if (error instanceof ValidationUnfinishedError) return error;
  if (error instanceof Error && modelErrorNames.has(error.name) && model) return unfinishedBecause(error, role, model.id);
  return error ?? new Error('a model call failed without a reason');
}

/** The committee actor's output, from its done event (guards and actions are typed with the machine's own events). */
const committeeOutput = (event: unknown) => (event as { output: CommitteeOutcome }).output;

/** The committee's outcome when failed reviewers kept it from a quorum: the validation did not finish. */
function committeeFailure(outcome: CommitteeOutcome): ValidationUnfinishedError {
  const failed = outcome.reviews.filter((review) => review.failed);
  const detail = failed.map((review) => `${review.reviewer}: ${review.problem ?? 'failed'}`).join('; ');
  const only = failed.length === 1 ? failed[0]?.reviewer : undefined;
  return new ValidationUnfinishedError(
    'reviewer',
    only,
    `no quorum because reviewer calls failed: ${outcome.vote.voters} of ${outcome.reviews.length} reviewers voted, ${outcome.vote.minVoters} needed, ${failed.length} failed (${detail})`,
  );
}

/**
 * The validation pipeline, one state per stage: format → execution → policy → committee → accepted,
 * and on any failure refine (feedback → revise) → format again, or rejected when no revision is
 * possible (no feedback/generator model, or `maxRounds` revisions spent). Stages 1–3 are pure checks
 * run on entry; the committee, the feedback and the revision are named `fromPromise` actors that get
 * the abort signal (swap them with `.provide()`). The committee state is skipped when there are no
 * reviewers. `ABORT` ends it at once, cancelling the model call in flight.
 */
export const validationMachine = setup({
  types: {
    input: {} as ValidationMachineInput,
    context: {} as ValidationContext,
    output: {} as ValidationMachineOutput,
    events: {} as { type: 'ABORT'; reason: unknown },
  },
  actors: {
    committee: fromPromise<CommitteeOutcome, CommitteeInput>(({ input, signal }) =>
      runCommittee(input.subject, {
        reviewers: input.reviewers,
        threshold: input.threshold,
        ...(input.minVoters !== undefined ? { minVoters: input.minVoters } : {}),
        parseRetries: input.parseRetries,
        failureRetries: input.failureRetries,
        signal,
      }),
    ),
    feedback: fromPromise<FeedbackAnswer, FeedbackInput>(({ input, signal }) => requestFeedback(input.model, input.subject, signal)),
    revise: fromPromise<RevisionAnswer, RevisionInput>(({ input, signal }) => requestRevision(input.model, input.subject, signal)),
  },
  guards: {
    lastCheckPassed: ({ context }) => context.checks.at(-1)?.passed === true,
    committeeUnfinished: ({ event }) => quorumDeniedByFailures(committeeOutput(event).vote),
    committeeWithoutQuorum: ({ event }) => !committeeOutput(event).vote.quorum,
    hasReviewers: ({ context }) => context.input.reviewers.length > 0,
    canRevise: ({ context }) => context.input.feedbackModel !== undefined && context.input.generatorModel !== undefined && context.round < context.input.maxRounds,
  },
  actions: {
    checkFormat: assign(({ context }) => {
      if (context.revisionProblem !== undefined) {
        const problem = `revision: the generator's reply could not be used (${context.revisionProblem}); the blueprint is unchanged`;
        return { parsed: undefined, checks: [{ stage: 'format' as const, passed: false, problems: [problem] }] };
      }
      const { result, blueprint } = checkFormat(context.input.domain, context.input.base, context.candidate);
      return { parsed: blueprint, latestValid: blueprint ?? context.latestValid, checks: [result] };
    }),
    checkExecution: assign(({ context }) => {
      const { result, trace } = checkExecution(context.input.domain, context.input.base, context.parsed as Blueprint);
      return { trace, checks: [...context.checks, result] };
    }),
    checkPolicy: assign(({ context }) => ({ checks: [...context.checks, checkBlueprintPolicy(context.input.domain, context.trace as PolicyTrace, context.parsed)] })),
    skipCommittee: assign(({ context }) => ({
      checks: [...context.checks, { stage: 'committee' as const, passed: false, skipped: true, problems: [], details: { reason: 'no reviewers configured' } }],
    })),
    closeRound: assign(({ context }) => ({ history: closedRound(context) })),
    recordCommittee: assign(({ context, event }) => {
      const output = committeeOutput(event);
      return {
        checks: [...context.checks, output.result],
        reviews: output.reviews,
        committeeRan: true,
        usage: { ...context.usage, committee: countUsage(context.usage.committee, output.responses) },
      };
    }),
    recordCommitteeFailure: assign(({ event }) => ({ error: roleFailure((event as { error?: unknown }).error, 'reviewer', undefined) })),
    recordFeedbackFailure: assign(({ context, event }) => ({ error: roleFailure((event as { error?: unknown }).error, 'feedback', context.input.feedbackModel) })),
    recordGeneratorFailure: assign(({ context, event }) => ({ error: roleFailure((event as { error?: unknown }).error, 'generator', context.input.generatorModel) })),
  },
}).createMachine({
  id: 'validation',
  context: ({ input }) => ({
    input,
    round: 0,
    candidate: input.blueprint,
    draft: draftOf(input.blueprint, input.blueprint.userId),
    parsed: undefined,
    latestValid: input.blueprint,
    revisionProblem: undefined,
    trace: undefined,
    checks: [],
    reviews: undefined,
    committeeRan: false,
    accepted: false,
    undecided: false,
    history: [],
    usage: {},
    error: undefined,
  }),
  on: { ABORT: { target: '.aborted', actions: assign(({ event }) => ({ error: event.reason ?? new Error('the validation was aborted') })) } },
  initial: 'format',
  states: {
    format: {
      entry: 'checkFormat',
      always: [{ guard: 'lastCheckPassed', target: 'execution' }, ...failureRoute],
    },
    execution: {
      entry: 'checkExecution',
      always: [{ guard: 'lastCheckPassed', target: 'policy' }, ...failureRoute],
    },
    policy: {
      entry: 'checkPolicy',
      always: [
        { guard: and(['lastCheckPassed', 'hasReviewers']), target: 'committee' },
        { guard: 'lastCheckPassed', target: 'accepted', actions: 'skipCommittee' },
        ...failureRoute,
      ],
    },
    committee: {
      invoke: {
        src: 'committee',
        input: ({ context }) => ({
          subject: reviewSubject(context),
          reviewers: context.input.reviewers,
          threshold: context.input.threshold,
          minVoters: context.input.minVoters,
          parseRetries: context.input.parseRetries,
          failureRetries: context.input.failureRetries,
        }),
        onDone: [
          {
            guard: 'committeeUnfinished',
            target: 'failed',
            actions: assign(({ context, event }) => ({
              error: committeeFailure(event.output),
              usage: { ...context.usage, committee: countUsage(context.usage.committee, event.output.responses) },
            })),
          },
          {
            guard: 'committeeWithoutQuorum',
            target: 'undecided',
            actions: 'recordCommittee',
          },
          {
            target: 'committeeVerdict',
            actions: 'recordCommittee',
          },
        ],
        onError: { target: 'failed', actions: 'recordCommitteeFailure' },
      },
    },
    committeeVerdict: {
      always: [{ guard: 'lastCheckPassed', target: 'accepted' }, ...failureRoute],
    },
    refine: {
      initial: 'feedback',
      states: {
        feedback: {
          invoke: {
            src: 'feedback',
            input: ({ context }) => ({
              model: context.input.feedbackModel as ChatModel,
              subject: { domain: context.input.domain.name, draft: context.draft, checks: context.checks, ...(context.reviews ? { reviews: context.reviews } : {}) },
            }),
            onDone: {
              target: 'revise',
              actions: assign(({ context, event }) => ({
                history: closedRound(context, event.output.feedback),
                usage: { ...context.usage, feedback: countUsage(context.usage.feedback, [event.output.response]) },
              })),
            },
            onError: { target: '#validation.failed', actions: 'recordFeedbackFailure' },
          },
        },
        revise: {
          invoke: {
            src: 'revise',
            input: ({ context }) => ({
              model: context.input.generatorModel as ChatModel,
              subject: {
                domain: context.input.domain.name,
                policy: context.input.domain.policy,
                tools: context.input.domain.toolSchemas(),
                draft: context.draft,
                userRecord: new DomainState(context.input.base).get('users', context.draft.userId) ?? null,
                feedback: context.history.at(-1)?.feedback ?? '',
              },
            }),
            onDone: {
              target: '#validation.format',
              actions: assign(({ context, event }) => {
                const answer = event.output;
                const next = {
                  round: context.round + 1,
                  checks: [],
                  reviews: undefined,
                  trace: undefined,
                  parsed: undefined,
                  committeeRan: false,
                  usage: { ...context.usage, generator: countUsage(context.usage.generator, [answer.response]) },
                };
                if (!answer.ok) return { ...next, revisionProblem: answer.problem };
                const candidate = applyRevision(context.latestValid, answer.revision);
                return { ...next, revisionProblem: undefined, candidate, draft: draftOf(candidate, context.latestValid.userId) };
              }),
            },
            onError: { target: '#validation.failed', actions: 'recordGeneratorFailure' },
          },
        },
      },
    },
    accepted: { type: 'final', entry: ['closeRound', assign({ accepted: true })] },
    rejected: { type: 'final', entry: 'closeRound' },
    /** No quorum: no verdict, so no feedback and no revision either. */
    undecided: { type: 'final', entry: ['closeRound', assign({ undecided: true })] },
    /** A model call failed: no verdict. */
    failed: { type: 'final' },
    aborted: { type: 'final' },
  },
  output: ({ context }) => ({
    status: context.accepted ? (context.committeeRan ? 'approved' : 'validated') : context.undecided ? 'undecided' : 'rejected',
    history: context.history,
    blueprint: context.latestValid,
    usage: context.usage,
    ...(context.error !== undefined ? { error: context.error } : {}),
  }),
});

export type ValidationActor = ActorRefFrom<typeof validationMachine>;
